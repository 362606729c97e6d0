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

    /// <param name="inputs">Width of the head's input: the pooled state, plus any extra features.</param>
    /// <param name="targets">Outputs, one per target.</param>
    /// <param name="dropoutRate">Dropout between the layers.</param>
    /// <param name="hiddenDim">Width of the hidden layer (the backbone's width).</param>
    public PropertyHead(int inputs, int targets, double dropoutRate, int hiddenDim) : base(nameof(PropertyHead))
    {
        hidden = Linear(inputs, hiddenDim);
        dropout = Dropout(dropoutRate);
        output = Linear(hiddenDim, targets);
        RegisterComponents();
    }

    /// <param name="pooled">(B, C).</param>
    /// <returns>(B, targets).</returns>
    public override Tensor forward(Tensor pooled) =>
        output.forward(dropout.forward(functional.gelu(hidden.forward(pooled))));
}
