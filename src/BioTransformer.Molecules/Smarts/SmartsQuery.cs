using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Molecules.Smarts;

/// <summary>A parsed SMARTS: atom expressions and, per atom, its (neighbour, bond expression) pairs.</summary>
internal sealed class SmartsQuery
{
    public List<AtomExpr> Atoms { get; } = [];

    public List<List<(int Other, BondExpr Bond)>> Neighbors { get; } = [];

    public int AddAtom(AtomExpr expr)
    {
        Atoms.Add(expr);
        Neighbors.Add([]);
        return Atoms.Count - 1;
    }

    public void AddBond(int a, int b, BondExpr bond)
    {
        Neighbors[a].Add((b, bond));
        Neighbors[b].Add((a, bond));
    }
}

/// <summary>Boolean expression over atom properties.</summary>
internal abstract class AtomExpr
{
    public abstract bool Matches(MatchTarget t, int atom);

    public sealed class And(AtomExpr left, AtomExpr right) : AtomExpr
    {
        public override bool Matches(MatchTarget t, int atom) => left.Matches(t, atom) && right.Matches(t, atom);
    }

    public sealed class Or(AtomExpr left, AtomExpr right) : AtomExpr
    {
        public override bool Matches(MatchTarget t, int atom) => left.Matches(t, atom) || right.Matches(t, atom);
    }

    public sealed class Not(AtomExpr inner) : AtomExpr
    {
        public override bool Matches(MatchTarget t, int atom) => !inner.Matches(t, atom);
    }

    public sealed class Predicate(Func<MatchTarget, int, bool> test) : AtomExpr
    {
        public override bool Matches(MatchTarget t, int atom) => test(t, atom);
    }

    /// <summary>$(...): the sub-pattern matches with its first atom here.</summary>
    public sealed class Recursive(SmartsQuery sub, string text) : AtomExpr
    {
        public override bool Matches(MatchTarget t, int atom) => t.RecursiveMatch(text, sub, atom);
    }
}

/// <summary>Boolean expression over bond properties.</summary>
internal abstract class BondExpr
{
    public abstract bool Matches(MatchTarget t, int bond);

    /// <summary>The unwritten bond: single or aromatic.</summary>
    public static BondExpr Default { get; } = new Predicate((t, b) =>
        t.Molecule.Bonds[b] is var bond && (bond.Aromatic || bond.Type == BondType.Single || bond.Type == BondType.Aromatic));

    public sealed class And(BondExpr left, BondExpr right) : BondExpr
    {
        public override bool Matches(MatchTarget t, int bond) => left.Matches(t, bond) && right.Matches(t, bond);
    }

    public sealed class Or(BondExpr left, BondExpr right) : BondExpr
    {
        public override bool Matches(MatchTarget t, int bond) => left.Matches(t, bond) || right.Matches(t, bond);
    }

    public sealed class Not(BondExpr inner) : BondExpr
    {
        public override bool Matches(MatchTarget t, int bond) => !inner.Matches(t, bond);
    }

    public sealed class Predicate(Func<MatchTarget, int, bool> test) : BondExpr
    {
        public override bool Matches(MatchTarget t, int bond) => test(t, bond);
    }
}
