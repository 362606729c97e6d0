namespace BioTransformer.Molecules;

/// <summary>A reaction written as reaction SMILES: reactants &gt; agents &gt; products, each side '.'-separated molecules.</summary>
public sealed record Reaction(IReadOnlyList<string> Reactants, IReadOnlyList<string> Agents, IReadOnlyList<string> Products)
{
    /// <summary>Reactants (and, when <paramref name="withAgents"/>, agents) as one '.'-joined SMILES.</summary>
    public string ReactantSide(bool withAgents = false) => string.Join('.', withAgents ? [.. Reactants, .. Agents] : Reactants);

    public string ProductSide => string.Join('.', Products);

    public override string ToString() => $"{string.Join('.', Reactants)}>{string.Join('.', Agents)}>{ProductSide}";
}

/// <summary>
/// Reads reaction SMILES as Daylight defines them: <c>A.B&gt;&gt;C</c> or <c>A&gt;reagents&gt;C</c>. Only the
/// text's shape is checked here (two '&gt;', no empty molecule); each molecule is parsed by the caller.
/// Atom maps and CXSMILES extensions are not read.
/// </summary>
public static class ReactionSmiles
{
    /// <summary>True when <paramref name="text"/> is a reaction (holds '&gt;'); a SMILES never does.</summary>
    public static bool IsReaction(string text) => text.Contains('>');

    /// <summary>The reaction, or null with the reason in <paramref name="problem"/>.</summary>
    public static Reaction? TryParse(string text, out string? problem)
    {
        problem = null;
        var parts = text.Trim().Split('>');
        if (parts.Length != 3)
        {
            problem = parts.Length == 1 ? "is not a reaction SMILES (no '>>')" : $"has {parts.Length - 1} '>' (a reaction SMILES has two: reactants>agents>products)";
            return null;
        }
        var sides = new List<string>[3];
        string[] names = ["reactants", "agents", "products"];
        for (int s = 0; s < 3; s++)
        {
            sides[s] = [];
            if (parts[s].Length == 0) continue;
            foreach (var molecule in parts[s].Split('.'))
            {
                if (molecule.Length == 0)
                {
                    problem = $"has an empty molecule among its {names[s]} ('..' or a '.' at an end)";
                    return null;
                }
                sides[s].Add(molecule);
            }
        }
        if (sides[0].Count == 0) problem = "has no reactants";
        else if (sides[2].Count == 0) problem = "has no products";
        return problem is null ? new Reaction(sides[0], sides[1], sides[2]) : null;
    }

    /// <summary>
    /// The canonical form of a '.'-separated set of molecules: the canonical SMILES of the whole, whose
    /// components the canonicalizer writes in canonical order, so two sets of the same molecules in any order
    /// and any valid spelling compare equal. Null when a component is empty or not a valid molecule.
    /// </summary>
    public static string? CanonicalSet(string molecules)
    {
        if (molecules.Length == 0 || molecules.Split('.').Any(m => m.Length == 0)) return null;
        return Smiles.TryParse(molecules, out var molecule, out _) ? Smiles.Canonical(molecule!) : null;
    }
}
