using BioTransformer.Modeling.Backbone;

namespace BioTransformer.Modeling;

/// <summary>
/// Rough peak memory of training, from the shapes alone, so a manifest whose model cannot fit is refused
/// before anything is allocated (instead of growing until the kernel kills the process). Float32 weights,
/// gradients and AdamW's two moments (16 bytes a parameter), plus activations kept for the backward pass:
/// per layer and sequence about 16·T·C values of the block and 2·H·T² of attention (the explicit path that
/// attention maps need), the logits over the vocabulary, and for the contacts pair head the L² pair tensors.
/// An estimate to a factor of about two, for refusing the impossible, not for fine-tuning batch sizes.
/// </summary>
public static class MemoryEstimate
{
    /// <param name="pairChannels">Contact head: channels × residual blocks (0 for other tasks).</param>
    /// <param name="pairLength">Contact head: the crop (residues per side) trained on.</param>
    public static long TrainingBytes(BackboneConfig backbone, int batchSize, long headParameters = 0, int pairChannels = 0, int pairLength = 0)
    {
        long parameters = backbone.ParameterCount() + headParameters;
        long b = batchSize, t = backbone.MaxLength, c = backbone.Dim, h = backbone.Heads;
        long activations = b * backbone.Layers * (16 * t * c + 2 * h * t * t) + b * t * backbone.VocabSize;
        long pairs = pairChannels > 0 ? b * (long)pairLength * pairLength * (pairChannels * 6L + 4L * backbone.Dim) : 0;
        return sizeof(float) * (4 * parameters + 2 * (activations + pairs));
    }

    /// <summary>Memory the process may use: the machine's (or the container's) total, as .NET sees it.</summary>
    public static long AvailableBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    public static string GiB(long bytes) => $"{bytes / (1024.0 * 1024 * 1024):N1} GiB";
}
