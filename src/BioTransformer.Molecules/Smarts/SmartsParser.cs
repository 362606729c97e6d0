using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Molecules.Smarts;

/// <summary>Recursive-descent parser of SMARTS into a <see cref="SmartsQuery"/>.</summary>
internal sealed class SmartsParser
{
    private readonly string s;
    private int i;

    private SmartsParser(string text) => s = text;

    public static SmartsQuery Parse(string smarts)
    {
        var parser = new SmartsParser(smarts);
        var query = parser.ParseQuery();
        if (parser.i != smarts.Length) throw parser.Error("unexpected character");
        return query;
    }

    private FormatException Error(string what) =>
        new($"SMARTS '{s}': {what} at position {i + 1}");

    private SmartsQuery ParseQuery()
    {
        var q = new SmartsQuery();
        var branches = new Stack<int>();
        var rings = new Dictionary<int, (int Atom, BondExpr? Bond)>();
        int prev = -1;
        BondExpr? pending = null;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == ')' && branches.Count == 0) break; // end of a recursive $(...)
            if (c == '(')
            {
                if (prev < 0) throw Error("'(' without an atom before it");
                branches.Push(prev);
                i++;
                continue;
            }
            if (c == ')')
            {
                prev = branches.Pop();
                i++;
                continue;
            }
            if (c == '.')
            {
                prev = -1;
                i++;
                continue;
            }
            if (char.IsAsciiDigit(c) || c == '%')
            {
                int number;
                if (c == '%')
                {
                    if (i + 2 >= s.Length) throw Error("'%' needs two digits");
                    number = int.Parse(s.AsSpan(i + 1, 2));
                    i += 3;
                }
                else
                {
                    number = c - '0';
                    i++;
                }
                if (prev < 0) throw Error("ring closure without an atom");
                if (rings.Remove(number, out var open))
                {
                    q.AddBond(open.Atom, prev, pending ?? open.Bond ?? BondExpr.Default);
                }
                else rings[number] = (prev, pending);
                pending = null;
                continue;
            }
            if (IsBondStart(c))
            {
                pending = ParseBondExpr();
                continue;
            }
            var atom = ParseAtom();
            int index = q.AddAtom(atom);
            if (prev >= 0) q.AddBond(prev, index, pending ?? BondExpr.Default);
            pending = null;
            prev = index;
        }
        if (rings.Count > 0) throw Error("unclosed ring");
        if (branches.Count > 0) throw Error("unclosed branch");
        return q;
    }

    private static bool IsBondStart(char c) => c is '-' or '=' or '#' or ':' or '~' or '@' or '/' or '\\' or '!' or '&' or ',' or ';';

    // ---- bonds: lowAnd ; or , highAnd & not ! primitive ----
    private BondExpr ParseBondExpr()
    {
        var left = ParseBondOr();
        while (i < s.Length && s[i] == ';')
        {
            i++;
            left = new BondExpr.And(left, ParseBondOr());
        }
        return left;
    }

    private BondExpr ParseBondOr()
    {
        var left = ParseBondHighAnd();
        while (i < s.Length && s[i] == ',')
        {
            i++;
            left = new BondExpr.Or(left, ParseBondHighAnd());
        }
        return left;
    }

    private BondExpr ParseBondHighAnd()
    {
        var left = ParseBondNot();
        while (i < s.Length && (s[i] == '&' || s[i] is '-' or '=' or '#' or ':' or '~' or '@' or '/' or '\\' or '!'))
        {
            if (s[i] == '&') i++;
            left = new BondExpr.And(left, ParseBondNot());
        }
        return left;
    }

    private BondExpr ParseBondNot()
    {
        if (i < s.Length && s[i] == '!')
        {
            i++;
            return new BondExpr.Not(ParseBondNot());
        }
        if (i >= s.Length) throw Error("bond expression ends early");
        char c = s[i++];
        return c switch
        {
            '-' => new BondExpr.Predicate((t, b) => t.Molecule.Bonds[b] is var x && x.Type == BondType.Single && !x.Aromatic),
            '/' or '\\' => new BondExpr.Predicate((t, b) => t.Molecule.Bonds[b] is var x && x.Type == BondType.Single && !x.Aromatic),
            '=' => new BondExpr.Predicate((t, b) => t.Molecule.Bonds[b] is var x && x.Type == BondType.Double && !x.Aromatic),
            '#' => new BondExpr.Predicate((t, b) => t.Molecule.Bonds[b].Type == BondType.Triple),
            ':' => new BondExpr.Predicate((t, b) => t.Molecule.Bonds[b] is var x && (x.Aromatic || x.Type == BondType.Aromatic)),
            '~' => new BondExpr.Predicate((_, _) => true),
            '@' => new BondExpr.Predicate((t, b) => t.Molecule.Rings.IsRingBond(b)),
            _ => throw Error($"'{c}' is not a bond primitive"),
        };
    }

    // ---- atoms ----
    private AtomExpr ParseAtom()
    {
        char c = s[i];
        if (c == '[')
        {
            i++;
            bracketStart = i;
            var expr = ParseAtomLowAnd();
            if (i >= s.Length || s[i] != ']') throw Error("bracket atom is not closed");
            i++;
            return expr;
        }
        // organic subset without brackets
        if (c == '*') { i++; return new AtomExpr.Predicate((_, _) => true); }
        if (c == 'C' && Peek(1) == 'l') { i += 2; return Element(17, false); }
        if (c == 'B' && Peek(1) == 'r') { i += 2; return Element(35, false); }
        int z = c switch { 'B' => 5, 'C' => 6, 'N' => 7, 'O' => 8, 'P' => 15, 'S' => 16, 'F' => 9, 'I' => 53, _ => -1 };
        if (z > 0) { i++; return Element(z, false); }
        z = c switch { 'b' => 5, 'c' => 6, 'n' => 7, 'o' => 8, 'p' => 15, 's' => 16, _ => -1 };
        if (z > 0) { i++; return Element(z, true); }
        if (c == 'a') { i++; return new AtomExpr.Predicate((t, a) => t.Molecule.Atoms[a].Aromatic); }
        if (c == 'A') { i++; return new AtomExpr.Predicate((t, a) => !t.Molecule.Atoms[a].Aromatic); }
        throw Error($"'{c}' does not start an atom");
    }

    /// <summary>Where the current bracket atom's expression starts.</summary>
    private int bracketStart;

    private char Peek(int offset) => i + offset < s.Length ? s[i + offset] : '\0';

    private AtomExpr ParseAtomLowAnd()
    {
        var left = ParseAtomOr();
        while (i < s.Length && s[i] == ';')
        {
            i++;
            left = new AtomExpr.And(left, ParseAtomOr());
        }
        return left;
    }

    private AtomExpr ParseAtomOr()
    {
        var left = ParseAtomHighAnd();
        while (i < s.Length && s[i] == ',')
        {
            i++;
            left = new AtomExpr.Or(left, ParseAtomHighAnd());
        }
        return left;
    }

    private AtomExpr ParseAtomHighAnd()
    {
        var left = ParseAtomNot();
        while (i < s.Length && s[i] is not (']' or ',' or ';' or ')'))
        {
            if (s[i] == '&') i++;
            left = new AtomExpr.And(left, ParseAtomNot());
        }
        return left;
    }

    private AtomExpr ParseAtomNot()
    {
        if (i < s.Length && s[i] == '!')
        {
            i++;
            return new AtomExpr.Not(ParseAtomNot());
        }
        return ParsePrimitive();
    }

    private AtomExpr ParsePrimitive()
    {
        if (i >= s.Length) throw Error("atom expression ends early");
        char c = s[i];
        if (char.IsAsciiDigit(c))
        {
            int isotope = ReadNumber();
            return new AtomExpr.Predicate((t, a) => t.Molecule.Atoms[a].Isotope == isotope);
        }
        // A two-letter element symbol (Ag, Cl, Na, Hg) wins over one-letter primitives (A, C, N, H).
        if (char.IsAsciiLetterUpper(c) && char.IsAsciiLetterLower(Peek(1)) && Elements.AtomicNumber(c, Peek(1)) > 0)
        {
            int two = Elements.AtomicNumber(c, Peek(1));
            i += 2;
            // as in RDKit, [Te] matches aromatic te too (RDKit's SMARTS has no aromatic te symbol)
            return Element(two, two == 52 ? null : false);
        }
        switch (c)
        {
            case '*': i++; return new AtomExpr.Predicate((_, _) => true);
            case 'a': i++; return new AtomExpr.Predicate((t, a) => t.Molecule.Atoms[a].Aromatic);
            case 'A': i++; return new AtomExpr.Predicate((t, a) => !t.Molecule.Atoms[a].Aromatic);
            case '#':
            {
                i++;
                int z = ReadNumber();
                return new AtomExpr.Predicate((t, a) => t.Molecule.Atoms[a].Element == z);
            }
            case '$':
            {
                i++;
                if (Peek(0) != '(') throw Error("'$' must be followed by '('");
                i++;
                int start = i;
                var sub = ParseQuery();
                if (i >= s.Length || s[i] != ')') throw Error("recursive SMARTS is not closed");
                string text = s[start..i];
                i++;
                return new AtomExpr.Recursive(sub, text);
            }
            case '+' or '-':
            {
                char sign = c;
                i++;
                int charge;
                if (char.IsAsciiDigit(Peek(0))) charge = ReadNumber();
                else
                {
                    charge = 1;
                    while (Peek(0) == sign) { charge++; i++; }
                }
                if (sign == '-') charge = -charge;
                return new AtomExpr.Predicate((t, a) => t.Molecule.Atoms[a].Charge == charge);
            }
            case '@':
                i++;
                if (Peek(0) == '@') i++;
                while (char.IsAsciiLetterUpper(Peek(0)) || char.IsAsciiDigit(Peek(0))) i++;
                return new AtomExpr.Predicate((_, _) => true); // chirality is not used by the descriptors
            case ':':
                i++;
                ReadNumber();
                return new AtomExpr.Predicate((_, _) => true); // atom maps
            case 'D': i++; return Counted(1, (t, a) => t.Degree[a]);
            case 'X': i++; return Counted(1, (t, a) => t.Degree[a] + t.TotalHydrogens[a] - HNeighbors(t, a));
            case 'v': i++; return Counted(1, (t, a) => t.TotalValence[a]);
            case 'h': i++; return Counted(1, (t, a) => t.ImplicitHydrogens[a]);
            case 'x': i++; return CountedOrAny((t, a) => t.RingConnectivity[a]);
            case 'R': i++; return CountedOrAny((t, a) => t.RingCount[a]);
            case 'r': i++; return CountedOrAny((t, a) => t.SmallestRing[a]);
            case 'H':
                // [H], [H+], [2H]: the element, only as the bracket's first primitive (after an isotope); elsewhere,
                // as in [O;H,-1] or [C;H], the total hydrogen count
                if (!s.AsSpan(bracketStart, i - bracketStart).ContainsAnyExcept("0123456789") && (Peek(1) is ']' or '+' or '-' or ';' or ',' or '&' || Peek(1) == '\0'))
                {
                    i++;
                    return Element(1, null);
                }
                i++;
                return Counted(1, (t, a) => t.TotalHydrogens[a]);
        }
        if (char.IsAsciiLetterLower(c))
        {
            // aromatic symbols, two-letter first (se, as, te)
            int two = (c, Peek(1)) switch { ('s', 'e') => 34, ('a', 's') => 33, ('t', 'e') => 52, _ => -1 };
            if (two > 0) { i += 2; return Element(two, true); }
            int one = c switch { 'b' => 5, 'c' => 6, 'n' => 7, 'o' => 8, 'p' => 15, 's' => 16, _ => -1 };
            if (one > 0) { i++; return Element(one, true); }
            throw Error($"'{c}' is not a SMARTS primitive");
        }
        if (char.IsAsciiLetterUpper(c))
        {
            char lower = char.IsAsciiLetterLower(Peek(1)) ? Peek(1) : '\0';
            int z = lower != '\0' ? Elements.AtomicNumber(c, lower) : -1;
            if (z > 0) { i += 2; return Element(z, false); }
            z = Elements.AtomicNumber(c, '\0');
            if (z > 0) { i++; return Element(z, false); }
        }
        throw Error($"'{c}' is not a SMARTS primitive");
    }

    private static int HNeighbors(MatchTarget t, int a)
    {
        int n = 0;
        foreach (var b in t.Molecule.BondsOf(a))
            if (t.Molecule.Atoms[t.Molecule.Bonds[b].Other(a)].Element == 1) n++;
        return n;
    }

    /// <summary>Element, optionally restricted to aromatic (true) or aliphatic (false) atoms.</summary>
    private static AtomExpr Element(int z, bool? aromatic) => new AtomExpr.Predicate((t, a) =>
        t.Molecule.Atoms[a].Element == z && (aromatic is null || t.Molecule.Atoms[a].Aromatic == aromatic));

    private AtomExpr Counted(int defaultValue, Func<MatchTarget, int, int> property)
    {
        int n = char.IsAsciiDigit(Peek(0)) ? ReadNumber() : defaultValue;
        return new AtomExpr.Predicate((t, a) => property(t, a) == n);
    }

    /// <summary>R, r, x: with a number, equality; without, "at least one" (in a ring).</summary>
    private AtomExpr CountedOrAny(Func<MatchTarget, int, int> property)
    {
        if (char.IsAsciiDigit(Peek(0)))
        {
            int n = ReadNumber();
            return new AtomExpr.Predicate((t, a) => property(t, a) == n);
        }
        return new AtomExpr.Predicate((t, a) => property(t, a) > 0);
    }

    private int ReadNumber()
    {
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i == start) throw Error("number expected");
        return int.Parse(s.AsSpan(start, i - start));
    }
}
