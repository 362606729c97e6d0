using BioTransformer.Modeling.Backbone;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace BioTransformer.Modeling.Heads;

/// <summary>
/// Residue–residue contact prediction on the shared (bidirectional) backbone. Input ids are
/// &lt;cls&gt; &lt;protein&gt; residues… &lt;eos&gt; (padded); output logits cover the residue positions only,
/// (B, T − 3, T − 3), symmetric. See <see cref="ContactHeadKind"/> for the two heads.
/// </summary>
public sealed class ContactModel : Module
{
    private readonly TransformerBackbone backbone;
    private readonly Linear? project;
    private readonly Embedding? separation;
    private readonly Conv2d? input;
    private readonly ModuleList<Sequential>? blocks;
    private readonly Conv2d? output;
    private readonly Linear? regression;

    public ContactModel(ContactModelConfig config) : base(nameof(ContactModel))
    {
        Config = config;
        backbone = new TransformerBackbone(config.Backbone);
        if (config.Head == ContactHeadKind.Pair)
        {
            project = Linear(config.Backbone.Dim, config.PairDim);
            separation = Embedding(2 * ContactModelConfig.SeparationBins + 1, 2 * config.PairDim);
            input = Conv2d(2 * config.PairDim, config.Channels, 1);
            blocks = new ModuleList<Sequential>(Enumerable.Range(0, config.Blocks).Select(b =>
            {
                long dilation = 1L << (b % 4);
                return Sequential(
                    InstanceNorm2d(config.Channels, affine: true), ELU(),
                    Conv2d(config.Channels, config.Channels, 3, padding: dilation, dilation: dilation),
                    InstanceNorm2d(config.Channels, affine: true), ELU(),
                    Conv2d(config.Channels, config.Channels, 3, padding: dilation, dilation: dilation));
            }).ToArray());
            output = Conv2d(config.Channels, 1, 1);
        }
        else
        {
            regression = Linear(config.Backbone.Layers * config.Backbone.Heads, 1);
        }
        RegisterComponents();
        if (config.Head == ContactHeadKind.Attention)
            foreach (var p in backbone.parameters()) p.requires_grad = false;
    }

    public ContactModelConfig Config { get; }

    public TransformerBackbone Backbone => backbone;

    /// <param name="ids">(B, T) ids: &lt;cls&gt; &lt;protein&gt; residues &lt;eos&gt;, right-padded.</param>
    /// <returns>(B, L, L) contact logits for residue positions 2 .. T−2 (L = T − 3), symmetric.</returns>
    public Tensor Forward(Tensor ids)
    {
        long t = ids.shape[1], l = t - 3;
        if (Config.Head == ContactHeadKind.Attention)
        {
            var output = backbone.Forward(ids, needAttentions: true);
            var maps = stack(output.Attentions!, dim: 1);                                       // (B, layers, H, T, T)
            maps = maps.flatten(1, 2).narrow(2, 2, l).narrow(3, 2, l);                           // (B, layers·H, L, L)
            var features = ContactHelpers.Apc(ContactHelpers.Symmetrize(maps));
            return regression!.forward(features.permute(0, 2, 3, 1)).squeeze(-1);              // (B, L, L)
        }

        var hidden = backbone.Forward(ids).Hidden.narrow(1, 2, l);                              // (B, L, C)
        var p = project!.forward(hidden);                                                        // (B, L, d)
        var product = p.unsqueeze(2) * p.unsqueeze(1);                                           // (B, L, L, d)
        var difference = (p.unsqueeze(2) - p.unsqueeze(1)).abs();                                // (B, L, L, d)
        var pair = cat([product, difference], dim: -1);                                          // (B, L, L, 2d)
        var positions = arange(l, dtype: int64, device: ids.device);
        var offset = (positions.unsqueeze(0) - positions.unsqueeze(1))
            .clamp(-ContactModelConfig.SeparationBins, ContactModelConfig.SeparationBins) + ContactModelConfig.SeparationBins; // (L, L)
        pair = pair + separation!.forward(offset);                                              // (B, L, L, 2d)
        var x = Pointwise(input!, pair).permute(0, 3, 1, 2).contiguous();                        // (B, channels, L, L)
        foreach (var block in blocks!) x = x + block.forward(x);
        var logits = Pointwise(output!, x.permute(0, 2, 3, 1)).squeeze(-1);                      // (B, L, L)
        return (logits + logits.transpose(1, 2)) / 2;
    }

    /// <summary>
    /// A 1×1 convolution applied as the linear map it is, over the last (channel) dimension of a
    /// channels-last tensor (…, C_in) → (…, C_out). Same weights and result as <c>conv.forward</c> on the
    /// NCHW view, but computed by a plain matrix product: oneDNN's channels-last 1×1 kernels, which libtorch
    /// picks for such strided inputs, have had out-of-bounds reduction bugs when the channel count is below
    /// their vector block (oneDNN issue 6035), and a fresh machine saw this head's training turn
    /// nondeterministic and NaN. The weights keep the convolution's shape, so saved models load unchanged.
    /// </summary>
    private static Tensor Pointwise(Conv2d conv, Tensor channelsLast) =>
        functional.linear(channelsLast, conv.weight!.flatten(1), conv.bias);
}
