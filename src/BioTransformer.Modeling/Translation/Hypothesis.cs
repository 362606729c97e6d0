namespace BioTransformer.Modeling.Translation;

/// <summary>One decoded target for one source.</summary>
/// <param name="Ids">Token ids after the target's prompt, up to (not including) &lt;eos&gt;.</param>
/// <param name="LogProbability">Sum of the log-probabilities of its tokens and &lt;eos&gt; under the model.</param>
/// <param name="Score">What hypotheses are ranked by: the log-probability divided by length^α (α = the length penalty; 0 = the log-probability).</param>
/// <param name="Finished">Whether &lt;eos&gt; was written before the length limit.</param>
public sealed record Hypothesis(int[] Ids, double LogProbability, double Score, bool Finished);
