using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace BioTransformer.Core.Baselines;

/// <summary>
/// A linear model on sparse features: ridge regression, or L2-regularised logistic regression for
/// binary labels. Both minimise  sum_i loss_i + alpha/2 * |w|^2  with an unpenalised intercept
/// (loss = squared error / 2, or log-loss), the objective of scikit-learn's Ridge(alpha) and of
/// LogisticRegression(C = 1/alpha). Fitted by L-BFGS (MathNet.Numerics); the objectives are strictly
/// convex, so the optimum is unique and the fit deterministic.
/// </summary>
public sealed class LinearModel
{
    private readonly double[] weights;

    private LinearModel(double[] weights, double bias, bool logistic, double alpha)
    {
        this.weights = weights;
        Bias = bias;
        Logistic = logistic;
        Alpha = alpha;
    }

    public double Bias { get; }

    public bool Logistic { get; }

    public double Alpha { get; }

    public IReadOnlyList<double> Weights => weights;

    /// <summary>The regression value, or the probability of class 1 for a logistic model.</summary>
    public double Predict(SparseVector x)
    {
        double z = x.Dot(weights) + Bias;
        return Logistic ? Sigmoid(z) : z;
    }

    public static LinearModel FitRidge(IReadOnlyList<SparseVector> x, IReadOnlyList<double> y, int dimension, double alpha) =>
        Fit(x, y, dimension, alpha, logistic: false);

    /// <param name="y">Labels 0 or 1.</param>
    public static LinearModel FitLogistic(IReadOnlyList<SparseVector> x, IReadOnlyList<double> y, int dimension, double alpha)
    {
        if (y.Any(v => v is not (0 or 1))) throw new ArgumentException("logistic regression needs labels 0 or 1", nameof(y));
        return Fit(x, y, dimension, alpha, logistic: true);
    }

    private static LinearModel Fit(IReadOnlyList<SparseVector> x, IReadOnlyList<double> y, int dimension, double alpha, bool logistic)
    {
        if (x.Count != y.Count) throw new ArgumentException("one label per row is needed");
        if (x.Count == 0) throw new ArgumentException("no training rows");
        if (alpha <= 0) throw new ArgumentOutOfRangeException(nameof(alpha), "alpha must be positive");

        // Parameters: weights[0..d) then the intercept at index d. Start from the intercept alone.
        var start = Vector<double>.Build.Dense(dimension + 1);
        double mean = y.Average();
        start[dimension] = logistic ? Math.Log(Math.Max(mean, 1e-6) / Math.Max(1 - mean, 1e-6)) : mean;

        var objective = ObjectiveFunction.Gradient(p =>
        {
            var w = p.AsArray() ?? p.ToArray();
            double b = w[dimension];
            var gradient = new double[dimension + 1];
            double value = 0;
            for (int i = 0; i < x.Count; i++)
            {
                double z = x[i].Dot(w) + b;
                double residual;
                if (logistic)
                {
                    // log(1 + e^z) - y z, computed without overflow.
                    value += (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - y[i] * z;
                    residual = Sigmoid(z) - y[i];
                }
                else
                {
                    residual = z - y[i];
                    value += 0.5 * residual * residual;
                }
                x[i].AddTo(gradient, residual);
                gradient[dimension] += residual;
            }
            for (int j = 0; j < dimension; j++)
            {
                value += 0.5 * alpha * w[j] * w[j];
                gradient[j] += alpha * w[j];
            }
            return (value, Vector<double>.Build.Dense(gradient));
        });

        var minimizer = new LimitedMemoryBfgsMinimizer(gradientTolerance: 1e-6 * x.Count, parameterTolerance: 1e-10,
            functionProgressTolerance: 1e-12, memory: 10, maximumIterations: 5000);
        var result = minimizer.FindMinimum(objective, start);
        var solution = result.MinimizingPoint.ToArray();
        return new LinearModel(solution[..dimension], solution[dimension], logistic, alpha);
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
