using BioTransformer.Molecules.Chemistry;
using BioTransformer.Molecules.Generation;

namespace BioTransformer.Experiments.Generation;

/// <summary>Properties a generation model can be conditioned on that are computed from the molecule itself.</summary>
public static class GenerationConditions
{
    /// <summary>Names usable as generation.condition without a data column (RDKit-compatible descriptors).</summary>
    public static IReadOnlyList<string> Computed => GenerationMetrics.PropertyNames;

    public static bool IsComputed(string name) => Computed.Contains(name);

    /// <summary>The computed property <paramref name="name"/> of a molecule.</summary>
    public static double Compute(string name, Molecule molecule)
    {
        int index = Computed.ToList().IndexOf(name);
        if (index < 0) throw new ArgumentException($"'{name}' is not a computed descriptor");
        return GenerationMetrics.Properties(molecule)[index];
    }
}
