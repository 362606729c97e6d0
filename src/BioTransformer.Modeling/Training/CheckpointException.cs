using BioTransformer.Core;

namespace BioTransformer.Modeling.Training;

/// <summary>
/// A training checkpoint that cannot be resumed from: another model's, another version's, truncated or
/// damaged. The message names the file and the problem; the caller says how its user starts over.
/// </summary>
public sealed class CheckpointException(string path, string what, bool otherVersion = false)
    : InputException(InputException.At(path, null, what, "the checkpoint cannot be resumed from; train from the beginning").Message)
{
    public string CheckpointPath { get; } = path;

    /// <summary>What is wrong with the file, without where it is.</summary>
    public string What { get; } = what;

    /// <summary>True when the file is sound but written by another version (which could resume it).</summary>
    public bool OtherVersion { get; } = otherVersion;
}
