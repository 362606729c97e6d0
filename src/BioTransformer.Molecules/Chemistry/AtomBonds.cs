using System.Collections;

namespace BioTransformer.Molecules.Chemistry;

/// <summary>
/// The bond indices of one atom: a read-only view whose foreach needs no allocation (the bond lists
/// are walked millions of times per second while reading SMILES).
/// </summary>
public readonly struct AtomBonds : IReadOnlyList<int>
{
    private readonly List<int> list;

    internal AtomBonds(List<int> list) => this.list = list;

    public int Count => list.Count;

    public int this[int index] => list[index];

    public List<int>.Enumerator GetEnumerator() => list.GetEnumerator();

    IEnumerator<int> IEnumerable<int>.GetEnumerator() => list.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => list.GetEnumerator();
}
