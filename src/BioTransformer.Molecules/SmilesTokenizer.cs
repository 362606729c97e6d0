using BioTransformer.Core.Tokenization;

namespace BioTransformer.Molecules;

/// <summary>
/// Atom-level SMILES tokenizer (OpenSMILES lexical rules). Tokens: bracket atoms whole ("[nH]",
/// "[C@@H]", "[13CH3+]"); organic-subset atoms including the two-letter Cl and Br; aromatic atoms
/// b c n o p s; the wildcard *; bonds - = # $ : / \; branches ( ); ring closures 0-9, %nn and RDKit's
/// %(nnn); the component separator ".". Concatenating the tokens gives back the input exactly, except
/// that an escaped backslash bond "\\" (as tools that escape strings export it) is the one token "\", as
/// RDKit reads it.
/// Anything else is an <see cref="InvalidSequenceException"/> naming the position: unknown symbols are
/// never dropped. The tokenizer checks lexical form only; chemistry (valence, aromaticity) is the
/// parser's job.
/// </summary>
public sealed class SmilesTokenizer : ITokenizer
{
    private static readonly string[] Organic = ["B", "C", "N", "O", "P", "S", "F", "Cl", "Br", "I", "b", "c", "n", "o", "p", "s", "*"];
    private static readonly string[] Syntax = ["-", "=", "#", "$", ":", "/", "\\", "(", ")", "."];

    /// <summary>
    /// Bracket atoms that every vocabulary holds: those seen at least 10 times in ChEMBL 30, MUV and the
    /// MoleculeNet sets (see datasets/README.md), plus common stereo and ion forms. Others are added
    /// from training data.
    /// </summary>
    private static readonly string[] CommonBracketAtoms =
    [
        "[C@H]", "[nH]", "[C@@H]", "[O-]", "[N+]", "[C@]", "[C@@]", "[n+]", "[NH2+]", "[S+]", "[Si]", "[N-]",
        "[S]", "[NH+]", "[Se]", "[N]", "[NH3+]", "[NH]", "[Cl-]", "[H+]", "[S-]", "[Na+]", "[AlH3]", "[B-]",
        "[Sn]", "[N@]", "[Hg]", "[n-]", "[As]", "[P+]", "[P]", "[N@@]", "[S@]", "[S@@]", "[P@]", "[P@@]",
        "[K+]", "[Br-]", "[I-]", "[Li+]", "[H]", "[2H]", "[se]", "[OH-]", "[Ca+2]", "[Mg+2]", "[Zn+2]",
    ];

    private static readonly string[] Base = BuildBaseTokens();

    /// <summary>Interned single-character tokens, indexed by character.</summary>
    private static readonly string?[] SingleCharToken = BuildSingleCharTable();

    public Domain Domain => Domain.Smiles;

    public IReadOnlyList<string> BaseTokens => Base;

    public IReadOnlyList<string> Tokenize(string smiles)
    {
        var tokens = new List<string>(smiles.Length);
        Tokenize(smiles, tokens);
        return tokens;
    }

    /// <summary>Appends the tokens of <paramref name="smiles"/> to <paramref name="tokens"/>.</summary>
    /// <remarks>
    /// The hot path of data loading: tokens are written straight into the list's storage (at most one
    /// token per character), single characters come from a table, and bracket atoms and %nn closures are
    /// interned, so a SMILES allocates nothing but its list.
    /// </remarks>
    public static void Tokenize(string smiles, List<string> tokens)
    {
        if (smiles.Length == 0) throw new InvalidSequenceException(smiles, 0, "empty SMILES");
        int start = tokens.Count;
        System.Runtime.InteropServices.CollectionsMarshal.SetCount(tokens, start + smiles.Length);
        var output = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens);
        var table = SingleCharToken;
        int n = start, i = 0;
        while (i < smiles.Length)
        {
            char c = smiles[i];
            if (c == 'C' && i + 1 < smiles.Length && smiles[i + 1] == 'l') { output[n++] = "Cl"; i += 2; continue; }
            if (c == 'B' && i + 1 < smiles.Length && smiles[i + 1] == 'r') { output[n++] = "Br"; i += 2; continue; }
            if (c < 128 && table[c] is { } single)
            {
                output[n++] = single;
                i += c == '\\' && i + 1 < smiles.Length && smiles[i + 1] == '\\' ? 2 : 1;
                continue;
            }
            if (c == '[') i = ReadBracketAtom(smiles, i, out output[n++]);
            else if (c == '%') i = ReadRingClosure(smiles, i, out output[n++]);
            else
            {
                System.Runtime.InteropServices.CollectionsMarshal.SetCount(tokens, start);
                throw new InvalidSequenceException(smiles, i, Unexpected(c));
            }
        }
        System.Runtime.InteropServices.CollectionsMarshal.SetCount(tokens, n);
    }

    /// <summary>Bracket atoms and ring-closure tokens seen so far, looked up by span so repeats allocate nothing.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Interned = new(StringComparer.Ordinal);

    private static string Intern(ReadOnlySpan<char> token)
    {
        var lookup = Interned.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(token, out var known)) return known;
        var text = token.ToString();
        return Interned.Count < 100_000 ? Interned.GetOrAdd(text, text) : text;   // bounded: hostile input cannot grow it forever
    }

    public string Detokenize(IEnumerable<string> tokens) => string.Concat(tokens);

    private static int ReadBracketAtom(string s, int start, out string token)
    {
        int i = start + 1;
        while (i < s.Length && s[i] != ']')
        {
            char c = s[i];
            bool allowed = char.IsAsciiLetterOrDigit(c) || c is '@' or '+' or '-' or ':';
            if (!allowed)
                throw new InvalidSequenceException(s, i, c == '[' ? "'[' inside a bracket atom" : $"{Unexpected(c)} inside a bracket atom");
            i++;
        }
        if (i >= s.Length) throw new InvalidSequenceException(s, start, "bracket atom is not closed with ']'");
        if (i == start + 1) throw new InvalidSequenceException(s, start, "empty bracket atom '[]'");
        token = Intern(s.AsSpan(start, i - start + 1));
        return i + 1;
    }

    private static int ReadRingClosure(string s, int start, out string token)
    {
        if (start + 2 < s.Length && char.IsAsciiDigit(s[start + 1]) && char.IsAsciiDigit(s[start + 2]))
        {
            token = Intern(s.AsSpan(start, 3));
            return start + 3;
        }
        if (start + 1 < s.Length && s[start + 1] == '(')
        {
            int i = start + 2;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i > start + 2 && i < s.Length && s[i] == ')')
            {
                token = Intern(s.AsSpan(start, i - start + 1));
                return i + 1;
            }
        }
        throw new InvalidSequenceException(s, start, "'%' must be followed by two digits (ring closure %10-%99)");
    }

    private static string Unexpected(char c) =>
        char.IsWhiteSpace(c) ? "whitespace is not allowed in SMILES"
        : char.IsControl(c) || c > 126 ? $"unexpected character U+{(int)c:X4}"
        : $"unexpected character '{c}'";

    private static string[] BuildBaseTokens()
    {
        var ring = Enumerable.Range(1, 9).Select(d => d.ToString()).Append("0");
        var percent = Enumerable.Range(10, 90).Select(d => $"%{d}");
        return [.. Organic, .. Syntax, .. ring, .. percent, .. CommonBracketAtoms];
    }

    private static string?[] BuildSingleCharTable()
    {
        var table = new string?[128];
        foreach (var t in Organic.Concat(Syntax).Where(t => t.Length == 1)) table[t[0]] = t;
        for (char d = '0'; d <= '9'; d++) table[d] = d.ToString();
        return table;
    }
}
