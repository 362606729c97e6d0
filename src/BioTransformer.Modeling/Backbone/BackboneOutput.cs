using static TorchSharp.torch;

namespace BioTransformer.Modeling.Backbone;

/// <summary>What the backbone returns for a batch.</summary>
/// <param name="Hidden">(B, T, C) final hidden states, after the last LayerNorm.</param>
/// <param name="PaddingMask">(B, T) bool, true at real tokens, false at padding.</param>
/// <param name="Attentions">Per layer (B, H, T, T) attention weights, when requested; otherwise null.</param>
public sealed record BackboneOutput(Tensor Hidden, Tensor PaddingMask, IReadOnlyList<Tensor>? Attentions);
