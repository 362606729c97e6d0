using BioTransformer.Core.Tokenization;
using BioTransformer.Modeling.Generation;
using BioTransformer.Modeling.Heads;
using BioTransformer.Molecules;

namespace BioTransformer.Experiments.Generation;

/// <summary>
/// Streams generated molecules batch by batch: sample token ids, turn them into SMILES (prefix
/// included), parse and canonicalize. Memory is one batch, whatever the count. Seeded: the same
/// seed, options and model give the same molecules in the same order.
/// </summary>
public sealed class MoleculeGenerator
{
    private readonly LanguageModel model;
    private readonly Vocabulary vocabulary;
    private readonly Sampler sampler;

    public MoleculeGenerator(LanguageModel model, Vocabulary vocabulary, TorchSharp.torch.Device device)
    {
        this.model = model;
        this.vocabulary = vocabulary;
        sampler = new Sampler(model, vocabulary, device);
    }

    /// <param name="conditionAt">For a conditioned model, the condition value (user units) of sample i; ignored otherwise.</param>
    /// <param name="progress">Called with the number of molecules generated so far.</param>
    public IEnumerable<GeneratedMolecule> Generate(int count, GenerationPrompt prompt, SamplingOptions options, int batchSize, int seed,
        Func<int, double>? conditionAt = null, Action<int>? progress = null)
    {
        bool conditioned = model.Config.Conditions.Count > 0;
        if (conditioned && conditionAt is null)
            throw new ArgumentException($"the model is conditioned on {model.Config.Conditions[0]}: give the values to sample at");
        using var stream = sampler.Seeded(seed);
        for (int start = 0; start < count; start += batchSize)
        {
            int batch = Math.Min(batchSize, count - start);
            float[,]? conditions = null;
            var values = new double[batch];
            Array.Fill(values, double.NaN);
            if (conditioned)
            {
                conditions = new float[batch, 1];
                for (int row = 0; row < batch; row++)
                {
                    values[row] = conditionAt!(start + row);
                    conditions[row, 0] = model.Standardize([values[row]])[0];
                }
            }
            var samples = stream.Sample(batch, prompt.Ids, conditions, options);
            var molecules = samples.AsParallel().AsOrdered().Select((sample, row) =>
            {
                var smiles = prompt.Prefix + string.Concat(vocabulary.DecodeTokens(sample.Ids));
                BioTransformer.Molecules.Chemistry.Molecule? molecule = null;
                bool ok = smiles.Length > 0 && Smiles.TryParse(smiles, out molecule, out _);
                return new GeneratedMolecule(start + row, smiles, sample.Finished, ok ? molecule : null, ok ? Smiles.Canonical(molecule!) : null, values[row]);
            }).ToList();
            foreach (var m in molecules) yield return m;
            progress?.Invoke(start + batch);
        }
    }
}
