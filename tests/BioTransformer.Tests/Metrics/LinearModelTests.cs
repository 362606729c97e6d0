using BioTransformer.Core.Baselines;
using MathNet.Numerics.LinearAlgebra;

namespace BioTransformer.Tests.Metrics;

public class LinearModelTests
{
    private static readonly SparseVector[] X =
    [
        new([0], [1.0]), new([1], [1.0]), new([0, 1], [1.0, 2.0]), new([2], [3.0]), new([0, 2], [2.0, 1.0]), new([1, 2], [1.0, 1.0]),
    ];

    [Fact]
    public void Ridge_EqualsTheClosedFormSolution()
    {
        double[] y = [1.0, 2.0, 4.5, -1.0, 0.5, 1.5];
        const double alpha = 0.7;
        var model = LinearModel.FitRidge(X, y, dimension: 3, alpha);

        // Closed form with an unpenalised intercept: centre X and y, then w = (XcᵀXc + αI)⁻¹ Xcᵀ yc, b = ȳ − x̄ᵀw.
        var dense = Matrix<double>.Build.Dense(X.Length, 3, (i, j) => Array.IndexOf(X[i].Indices, j) is var k and >= 0 ? X[i].Values[k] : 0);
        var means = dense.ColumnSums() / X.Length;
        var centred = dense - Matrix<double>.Build.Dense(X.Length, 3, (i, j) => means[j]);
        var yv = Vector<double>.Build.DenseOfArray(y);
        var w = (centred.TransposeThisAndMultiply(centred) + alpha * Matrix<double>.Build.DenseIdentity(3)).Solve(centred.TransposeThisAndMultiply(yv - yv.Average()));
        double b = yv.Average() - means * w;

        for (int j = 0; j < 3; j++) Assert.Equal(w[j], model.Weights[j], 5);
        Assert.Equal(b, model.Bias, 5);
        Assert.Equal(b + w[0], model.Predict(new SparseVector([0], [1.0])), 5);
    }

    [Fact]
    public void Logistic_GradientVanishesAtTheFit_AndProbabilitiesOrderTheClasses()
    {
        double[] y = [1, 0, 1, 0, 1, 0];
        const double alpha = 0.5;
        var model = LinearModel.FitLogistic(X, y, 3, alpha);
        var gradient = new double[3];
        double gradientBias = 0;
        for (int i = 0; i < X.Length; i++)
        {
            double residual = model.Predict(X[i]) - y[i];
            X[i].AddTo(gradient, residual);
            gradientBias += residual;
        }
        for (int j = 0; j < 3; j++) Assert.Equal(0, gradient[j] + alpha * model.Weights[j], 4);
        Assert.Equal(0, gradientBias, 4);
        Assert.All(X, x => Assert.InRange(model.Predict(x), 0, 1));
    }

    [Fact]
    public void Logistic_NonBinaryLabels_Rejected() =>
        Assert.Throws<ArgumentException>(() => LinearModel.FitLogistic(X, [0, 1, 2, 0, 1, 0], 3, 1));
}
