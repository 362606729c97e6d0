using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace BioTransformer.Core.Baselines;

/// <summary>
/// Gradient-boosted regression trees (ML.NET's FastTree, a MART implementation: Friedman 2001) on dense
/// features, for regression or binary classification (logistic loss; predictions are probabilities).
/// One thread and a fixed seed make a fit deterministic on every machine. Non-finite features must be
/// imputed by the caller; trees need no scaling.
/// </summary>
public sealed class GradientBoostedTrees
{
    /// <summary>Hyper-parameters: fixed, common defaults for descriptor models (not tuned per dataset).</summary>
    public sealed record Settings(int Trees = 500, int Leaves = 20, double LearningRate = 0.05, int MinimumLeafCount = 5, double FeatureFraction = 0.7)
    {
        public string Describe() => $"{Trees} trees, {Leaves} leaves, learning rate {LearningRate}, ≥{MinimumLeafCount} rows per leaf, {FeatureFraction:0.##} of features per tree";
    }

    private readonly MLContext context;
    private readonly ITransformer model;
    private readonly int dimension;
    private readonly bool classification;

    private GradientBoostedTrees(MLContext context, ITransformer model, int dimension, bool classification)
    {
        this.context = context;
        this.model = model;
        this.dimension = dimension;
        this.classification = classification;
    }

    private sealed class Row
    {
        public float Label { get; set; }

        public bool Positive { get; set; }

        public float[] Features { get; set; } = [];
    }

    private sealed class Output
    {
        public float Score { get; set; }

        public float Probability { get; set; }
    }

    public static GradientBoostedTrees Fit(IReadOnlyList<double[]> x, IReadOnlyList<double> y, bool classification, Settings settings, int seed)
    {
        if (x.Count == 0) throw new ArgumentException("no training rows");
        int dimension = x[0].Length;
        var context = new MLContext(seed);
        var data = context.Data.LoadFromEnumerable(Rows(x, y), Schema(dimension));
        ITransformer model;
        if (classification)
        {
            var options = new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = nameof(Row.Positive), FeatureColumnName = nameof(Row.Features),
                NumberOfTrees = settings.Trees, NumberOfLeaves = settings.Leaves, LearningRate = settings.LearningRate,
                MinimumExampleCountPerLeaf = settings.MinimumLeafCount, FeatureFraction = settings.FeatureFraction,
                NumberOfThreads = 1, Seed = seed, FeatureFirstUsePenalty = 0,
            };
            model = context.BinaryClassification.Trainers.FastTree(options).Fit(data);
        }
        else
        {
            var options = new FastTreeRegressionTrainer.Options
            {
                LabelColumnName = nameof(Row.Label), FeatureColumnName = nameof(Row.Features),
                NumberOfTrees = settings.Trees, NumberOfLeaves = settings.Leaves, LearningRate = settings.LearningRate,
                MinimumExampleCountPerLeaf = settings.MinimumLeafCount, FeatureFraction = settings.FeatureFraction,
                NumberOfThreads = 1, Seed = seed,
            };
            model = context.Regression.Trainers.FastTree(options).Fit(data);
        }
        return new GradientBoostedTrees(context, model, dimension, classification);
    }

    /// <summary>The regression value, or the probability of class 1, of every row.</summary>
    public double[] Predict(IReadOnlyList<double[]> x)
    {
        var data = context.Data.LoadFromEnumerable(Rows(x, null), Schema(dimension));
        var outputs = context.Data.CreateEnumerable<Output>(model.Transform(data), reuseRowObject: false, ignoreMissingColumns: true);
        return [.. outputs.Select(o => classification ? (double)o.Probability : o.Score)];
    }

    private static IEnumerable<Row> Rows(IReadOnlyList<double[]> x, IReadOnlyList<double>? y)
    {
        for (int i = 0; i < x.Count; i++)
        {
            double label = y?[i] ?? 0;
            yield return new Row { Label = (float)label, Positive = label >= 0.5, Features = [.. x[i].Select(v => (float)v)] };
        }
    }

    private static SchemaDefinition Schema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }
}
