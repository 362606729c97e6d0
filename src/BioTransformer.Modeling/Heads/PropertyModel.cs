using BioTransformer.Modeling.Backbone;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace BioTransformer.Modeling.Heads;

/// <summary>The shared backbone with a property head on pooled states (and, optionally, extra per-molecule features).</summary>
public sealed class PropertyModel : Module<Tensor, Tensor>
{
    private readonly TransformerBackbone backbone;
    private readonly PropertyHead head;

    public PropertyModel(PropertyModelConfig config) : base(nameof(PropertyModel))
    {
        Config = config;
        backbone = new TransformerBackbone(config.Backbone);
        head = new PropertyHead(config.Backbone.Dim + config.FeatureCount, config.Targets.Count, config.Backbone.Dropout, config.Backbone.Dim);
        RegisterComponents();
    }

    public PropertyModelConfig Config { get; }

    public TransformerBackbone Backbone => backbone;

    /// <param name="ids">(B, T) int64 token ids, padded with &lt;pad&gt;.</param>
    /// <returns>(B, targets): standardised predictions (regression) or logits (classification).</returns>
    public override Tensor forward(Tensor ids) => Forward(ids, null);

    /// <param name="ids">(B, T) int64 token ids, padded with &lt;pad&gt;.</param>
    /// <param name="features">(B, F) scaled extra features when the model has them (<see cref="PropertyModelConfig.Features"/>), else null.</param>
    /// <returns>(B, targets): standardised predictions (regression) or logits (classification).</returns>
    public Tensor Forward(Tensor ids, Tensor? features)
    {
        if ((features is null) != (Config.FeatureCount == 0))
            throw new ArgumentException(Config.FeatureCount == 0 ? "this model reads no extra features" : $"this model needs its {Config.FeatureCount} extra features");
        var pooled = Pool.Apply(Config.Pooling, backbone.Forward(ids));
        if (features is not null) pooled = cat([pooled, features.to(pooled.dtype)], 1);
        return head.forward(pooled);
    }

    /// <summary>
    /// Converts raw outputs (N, targets) to user units: regression values un-standardised, classification
    /// probabilities through the sigmoid.
    /// </summary>
    public double[,] ToUserUnits(float[,] raw)
    {
        int n = raw.GetLength(0), k = raw.GetLength(1);
        var result = new double[n, k];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++)
                result[i, j] = Config.Task == PropertyTask.Regression
                    ? raw[i, j] * Config.TargetStds[j] + Config.TargetMeans[j]
                    : 1.0 / (1.0 + Math.Exp(-raw[i, j]));
        return result;
    }
}
