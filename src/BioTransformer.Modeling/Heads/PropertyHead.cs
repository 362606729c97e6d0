using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace BioTransformer.Modeling.Heads;

/// <summary>
/// Two-layer MLP from a pooled sequence vector to one output per target: Linear → GELU → Dropout →
/// Linear. Outputs are standardised values (regression) or logits (classification).
/// </summary>
public sealed class PropertyHead : Module<Tensor, Tensor>
{
    private readonly Linear hidden;
    private readonly Dropout dropout;
    private readonly Linear output;

    public PropertyHead(int dim, int targets, double dropoutRate) : base(nameof(PropertyHead))
    {
        hidden = Linear(dim, dim);
        dropout = Dropout(dropoutRate);
        output = Linear(dim, targets);
        RegisterComponents();
    }

    /// <param name="pooled">(B, C).</param>
    /// <returns>(B, targets).</returns>
    public override Tensor forward(Tensor pooled) =>
        output.forward(dropout.forward(functional.gelu(hidden.forward(pooled))));
}
