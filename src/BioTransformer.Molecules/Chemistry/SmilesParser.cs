namespace BioTransformer.Molecules.Chemistry;

/// <summary>
/// Reads OpenSMILES syntax into a <see cref="Molecule"/> without checking chemistry (see
/// <see cref="Sanitizer"/>): organic-subset and bracket atoms (isotope, any element, aromatic
/// b c n o p s se as te, chirality @ @@ @TH1-2 @AL1-2 @SP1-3 @TB1-20 @OH1-30, hydrogen count, charge
/// written +, ++, +2 or -, --, -2, atom class), bonds - = # $ : / \, branches, ring closures 0-9,
/// %nn and %(nnn) with a bond symbol on either end, and '.'-separated components (a ring bond may
/// span components, as in RDKit). Errors are <see cref="SmilesException"/>s naming the position.
/// </summary>
public static class SmilesParser
{
    private readonly record struct OpenRing(int Atom, int Slot, BondType? Type, BondDirection Direction, int Position);

    public static Molecule Parse(string smiles)
    {
        var state = new State(smiles);
        state.Run();
        return state.Molecule;
    }

    private sealed class State(string smiles)
    {
        public readonly Molecule Molecule = new();
        private readonly Stack<(int Atom, int Position, int AtomsBefore)> branches = new();
        private readonly Dictionary<int, OpenRing> rings = [];
        private readonly List<bool> hasPreceding = [];
        private int i;
        private int prev = -1;
        private BondType? pendingType;
        private BondDirection pendingDirection;
        private int pendingPosition = -1;
        private bool afterOpenParen;
        private bool afterDot;

        private static bool IsAtomStart(char c) => c == '[' || c == '*' || char.IsAsciiLetter(c);

        private bool Pending => pendingPosition >= 0;

        public void Run()
        {
            if (smiles.Length == 0) throw Error(0, SmilesErrorKind.Syntax, "empty SMILES");
            while (i < smiles.Length)
            {
                char c = smiles[i];
                // As in RDKit, a branch starts with a bond or an atom: not '(', '.', or a ring-closure digit.
                if (afterOpenParen && c is '(' or '.' or '%' or (>= '0' and <= '9'))
                    throw Error(i, SmilesErrorKind.Branch, $"'{c}' cannot start a branch");
                if (afterDot && !IsAtomStart(c))
                    throw Error(i - 1, SmilesErrorKind.Syntax, "'.' must be followed by an atom");
                afterOpenParen = c == '(';
                afterDot = c == '.';
                switch (c)
                {
                    case '(':
                        if (prev < 0) throw Error(i, SmilesErrorKind.Branch, "'(' must follow an atom");
                        if (Pending) throw Error(pendingPosition, SmilesErrorKind.Syntax, "a bond must be inside the branch, after '('");
                        branches.Push((prev, i, Molecule.AtomCount));
                        i++;
                        break;
                    case ')':
                        if (branches.Count == 0) throw Error(i, SmilesErrorKind.Branch, "')' without a matching '('");
                        if (Pending) throw Error(pendingPosition, SmilesErrorKind.Syntax, "bond without an atom after it");
                        var (atom, _, before) = branches.Pop();
                        if (Molecule.AtomCount == before) throw Error(i, SmilesErrorKind.Branch, "empty branch '()'");
                        prev = atom;
                        i++;
                        break;
                    case '.':
                        if (Pending) throw Error(pendingPosition, SmilesErrorKind.Syntax, "bond without an atom after it");
                        if (prev < 0) throw Error(i, SmilesErrorKind.Syntax, "'.' must separate two atoms");
                        prev = -1;
                        i++;
                        break;
                    case '-' or '=' or '#' or '$' or ':' or '/' or '\\':
                        if (prev < 0) throw Error(i, SmilesErrorKind.Syntax, $"bond '{c}' must follow an atom");
                        if (Pending) throw Error(i, SmilesErrorKind.Syntax, $"two bonds in a row ('{smiles[pendingPosition]}{c}')");
                        (pendingType, pendingDirection) = c switch
                        {
                            '-' => (BondType.Single, BondDirection.None),
                            '=' => (BondType.Double, BondDirection.None),
                            '#' => (BondType.Triple, BondDirection.None),
                            '$' => (BondType.Quadruple, BondDirection.None),
                            ':' => (BondType.Aromatic, BondDirection.None),
                            '/' => ((BondType?)BondType.Single, BondDirection.Up),
                            _ => (BondType.Single, BondDirection.Down),
                        };
                        pendingPosition = i;
                        i++;
                        // RDKit reads an escaped backslash ("\\", as tools that escape strings export it) as one '\'.
                        if (c == '\\' && i < smiles.Length && smiles[i] == '\\') i++;
                        break;
                    case '%' or (>= '0' and <= '9'):
                        RingBond();
                        break;
                    default:
                        AddAtom(ReadAtom());
                        break;
                }
            }
            if (Pending) throw Error(pendingPosition, SmilesErrorKind.Syntax, "bond without an atom after it");
            if (afterDot) throw Error(smiles.Length - 1, SmilesErrorKind.Syntax, "'.' must be followed by an atom");
            if (branches.Count > 0) throw Error(branches.Peek().Position, SmilesErrorKind.Branch, "'(' is never closed");
            if (rings.Count > 0)
            {
                var open = rings.Values.OrderBy(r => r.Position).First();
                throw Error(open.Position, SmilesErrorKind.RingClosure, "ring bond is opened but never closed");
            }
            if (Molecule.AtomCount == 0) throw Error(0, SmilesErrorKind.Syntax, "no atoms");
            AssignStereoNeighbors();
        }

        private void AddAtom(Atom atom)
        {
            int index = Molecule.AddAtom(atom);
            hasPreceding.Add(prev >= 0);
            if (prev >= 0)
            {
                var type = pendingType ?? Implicit(prev, index);
                int bond = Molecule.AddBond(prev, index, type, type == BondType.Aromatic);
                Molecule.Bonds[bond].Direction = pendingDirection;
            }
            else if (Pending) throw Error(pendingPosition, SmilesErrorKind.Syntax, "bond without an atom before it");
            ClearPending();
            prev = index;
        }

        /// <summary>
        /// An unwritten bond is aromatic between two aromatic atoms, or an aromatic atom and a wildcard
        /// ('*1ccccc1'), and single otherwise.
        /// </summary>
        private BondType Implicit(int a, int b)
        {
            var x = Molecule.Atoms[a];
            var y = Molecule.Atoms[b];
            bool aromatic = (x.Aromatic || x.Element == 0) && (y.Aromatic || y.Element == 0) && (x.Aromatic || y.Aromatic);
            return aromatic ? BondType.Aromatic : BondType.Single;
        }

        private void ClearPending()
        {
            pendingType = null;
            pendingDirection = BondDirection.None;
            pendingPosition = -1;
        }

        private void RingBond()
        {
            int start = i;
            if (prev < 0) throw Error(i, SmilesErrorKind.RingClosure, "ring-closure number must follow an atom");
            int number;
            if (smiles[i] == '%')
            {
                if (i + 1 < smiles.Length && smiles[i + 1] == '(')
                {
                    int j = i + 2;
                    while (j < smiles.Length && char.IsAsciiDigit(smiles[j]) && j - i < 9) j++;
                    if (j == i + 2 || j >= smiles.Length || smiles[j] != ')')
                        throw Error(i, SmilesErrorKind.Syntax, "'%(' must be followed by digits and ')'");
                    number = int.Parse(smiles.AsSpan(i + 2, j - i - 2));
                    i = j + 1;
                }
                else
                {
                    if (i + 2 >= smiles.Length || !char.IsAsciiDigit(smiles[i + 1]) || !char.IsAsciiDigit(smiles[i + 2]))
                        throw Error(i, SmilesErrorKind.Syntax, "'%' must be followed by two digits (ring closure %10-%99)");
                    number = (smiles[i + 1] - '0') * 10 + (smiles[i + 2] - '0');
                    if (number == 0) throw Error(i, SmilesErrorKind.Syntax, "ring closure %00 is not allowed");
                    i += 3;
                }
            }
            else
            {
                number = smiles[i] - '0';
                i++;
            }

            if (rings.Remove(number, out var open))
            {
                if (open.Atom == prev) throw Error(start, SmilesErrorKind.RingClosure, "ring bond from an atom to itself");
                if (Molecule.BondBetween(open.Atom, prev) is not null)
                    throw Error(start, SmilesErrorKind.RingClosure, "ring bond duplicates an existing bond");
                var type = ResolveRingBondType(open, start);
                var direction = pendingDirection != BondDirection.None
                    ? pendingDirection
                    : (BondDirection)(-(int)open.Direction); // the opening's direction was read towards the closing atom
                int bond = Molecule.AddBond(prev, open.Atom, type, type == BondType.Aromatic);
                Molecule.Bonds[bond].Direction = direction;
                var openerBonds = Molecule.BondListOf(open.Atom);
                openerBonds.RemoveAt(openerBonds.Count - 1);
                openerBonds[open.Slot] = bond;
            }
            else
            {
                var list = Molecule.BondListOf(prev);
                list.Add(-1); // reserved slot, filled when the ring closes: the bond keeps the neighbour order of its digit (stereo depends on it)
                rings[number] = new OpenRing(prev, list.Count - 1, pendingType, pendingDirection, start);
            }
            ClearPending();
        }

        private BondType ResolveRingBondType(OpenRing open, int position)
        {
            var a = open.Type;
            var b = pendingType;
            if (a is null && b is null) return Implicit(open.Atom, prev);
            if (a is null || b is null || a == b) return (a ?? b)!.Value;
            // RDKit reads a written single bond on one end as "unspecified" and keeps the other's order.
            if (a == BondType.Single) return b.Value;
            if (b == BondType.Single) return a.Value;
            throw Error(position, SmilesErrorKind.RingClosure, "the two ends of a ring bond give different bond orders");
        }

        private Atom ReadAtom()
        {
            int start = i;
            char c = smiles[i];
            if (c == '[') return ReadBracketAtom();
            i++;
            switch (c)
            {
                case '*': return new Atom { Element = 0, Position = start };
                case 'B':
                    if (i < smiles.Length && smiles[i] == 'r') { i++; return new Atom { Element = 35, Position = start }; }
                    return new Atom { Element = 5, Position = start };
                case 'C':
                    if (i < smiles.Length && smiles[i] == 'l') { i++; return new Atom { Element = 17, Position = start }; }
                    return new Atom { Element = 6, Position = start };
                case 'N': return new Atom { Element = 7, Position = start };
                case 'O': return new Atom { Element = 8, Position = start };
                case 'P': return new Atom { Element = 15, Position = start };
                case 'S': return new Atom { Element = 16, Position = start };
                case 'F': return new Atom { Element = 9, Position = start };
                case 'I': return new Atom { Element = 53, Position = start };
                case 'b': return new Atom { Element = 5, Aromatic = true, Position = start };
                case 'c': return new Atom { Element = 6, Aromatic = true, Position = start };
                case 'n': return new Atom { Element = 7, Aromatic = true, Position = start };
                case 'o': return new Atom { Element = 8, Aromatic = true, Position = start };
                case 'p': return new Atom { Element = 15, Aromatic = true, Position = start };
                case 's': return new Atom { Element = 16, Aromatic = true, Position = start };
                default:
                    throw Error(start, SmilesErrorKind.Syntax, Unexpected(c));
            }
        }

        private Atom ReadBracketAtom()
        {
            int start = i;
            i++; // '['
            var atom = new Atom { Position = start, Bracket = true, NoImplicit = true };

            int isotopeStart = i;
            while (i < smiles.Length && char.IsAsciiDigit(smiles[i])) i++;
            if (i > isotopeStart)
            {
                if (i - isotopeStart > 4) throw Error(isotopeStart, SmilesErrorKind.Syntax, "isotope mass number is too large");
                atom.Isotope = int.Parse(smiles.AsSpan(isotopeStart, i - isotopeStart));
            }

            ReadElement(atom);
            ReadChirality(atom);

            if (i < smiles.Length && smiles[i] == 'H')
            {
                i++;
                atom.ExplicitHydrogens = 1;
                if (i < smiles.Length && char.IsAsciiDigit(smiles[i])) atom.ExplicitHydrogens = smiles[i++] - '0';
            }

            if (i < smiles.Length && smiles[i] is '+' or '-')
            {
                char sign = smiles[i];
                int s = sign == '+' ? 1 : -1;
                i++;
                if (i < smiles.Length && char.IsAsciiDigit(smiles[i]))
                {
                    int digitsStart = i;
                    while (i < smiles.Length && char.IsAsciiDigit(smiles[i]) && i - digitsStart < 2) i++;
                    if (i - digitsStart == 2 && smiles[digitsStart] == '0') throw Error(digitsStart, SmilesErrorKind.Syntax, "charge with a leading zero");
                    atom.Charge = s * int.Parse(smiles.AsSpan(digitsStart, i - digitsStart));
                }
                else
                {
                    int count = 1;
                    while (i < smiles.Length && smiles[i] == sign) { count++; i++; }
                    atom.Charge = s * count;
                }
                if (i < smiles.Length && smiles[i] is '+' or '-') throw Error(i, SmilesErrorKind.Syntax, "malformed charge");
            }

            if (i < smiles.Length && smiles[i] == ':')
            {
                i++;
                int classStart = i;
                while (i < smiles.Length && char.IsAsciiDigit(smiles[i]) && i - classStart < 9) i++;
                if (i == classStart) throw Error(i, SmilesErrorKind.Syntax, "atom class ':' must be followed by digits");
                atom.AtomClass = int.Parse(smiles.AsSpan(classStart, i - classStart));
            }

            if (i >= smiles.Length) throw Error(start, SmilesErrorKind.Syntax, "bracket atom is not closed with ']'");
            if (smiles[i] != ']') throw Error(i, SmilesErrorKind.Syntax, $"{Unexpected(smiles[i])} inside a bracket atom");
            i++;
            return atom;
        }

        private void ReadElement(Atom atom)
        {
            if (i >= smiles.Length) throw Error(i - 1, SmilesErrorKind.Syntax, "bracket atom is not closed with ']'");
            char c = smiles[i];
            if (c == '*') { i++; atom.Element = 0; return; }
            if (char.IsAsciiLetterLower(c))
            {
                // aromatic: b c n o p s and the two-letter se as te
                char next = i + 1 < smiles.Length ? smiles[i + 1] : '\0';
                int two = (c, next) switch { ('s', 'e') => 34, ('a', 's') => 33, ('t', 'e') => 52, _ => -1 };
                if (two > 0) { atom.Element = two; atom.Aromatic = true; i += 2; return; }
                int one = c switch { 'b' => 5, 'c' => 6, 'n' => 7, 'o' => 8, 'p' => 15, 's' => 16, _ => -1 };
                if (one < 0) throw Error(i, SmilesErrorKind.Syntax, $"'{c}' is not an aromatic element symbol");
                atom.Element = one;
                atom.Aromatic = true;
                i++;
                return;
            }
            if (!char.IsAsciiLetterUpper(c)) throw Error(i, SmilesErrorKind.Syntax, $"{Unexpected(c)}: expected an element symbol");
            char lower = i + 1 < smiles.Length && char.IsAsciiLetterLower(smiles[i + 1]) ? smiles[i + 1] : '\0';
            int z = lower != '\0' ? Elements.AtomicNumber(c, lower) : -1;
            if (z > 0) { atom.Element = z; i += 2; return; }
            z = Elements.AtomicNumber(c, '\0');
            if (z < 0) throw Error(i, SmilesErrorKind.Syntax, $"'{c}{(lower == '\0' ? "" : lower)}' is not an element symbol");
            atom.Element = z;
            i++;
        }

        private void ReadChirality(Atom atom)
        {
            if (i >= smiles.Length || smiles[i] != '@') return;
            int start = i;
            i++;
            if (i < smiles.Length && smiles[i] == '@')
            {
                i++;
                atom.Chirality = Chirality.Clockwise;
                if (i < smiles.Length && smiles[i] == '@') throw Error(i, SmilesErrorKind.Syntax, "'@@@' is not a chirality");
                return;
            }
            if (i + 1 < smiles.Length && char.IsAsciiLetterUpper(smiles[i]) && char.IsAsciiLetterUpper(smiles[i + 1]))
            {
                string cls = smiles.Substring(i, 2);
                int max = cls switch { "TH" => 2, "AL" => 2, "SP" => 3, "TB" => 20, "OH" => 30, _ => 0 };
                if (max == 0) throw Error(i, SmilesErrorKind.Syntax, $"unknown chirality class '@{cls}'");
                i += 2;
                int digitsStart = i;
                while (i < smiles.Length && char.IsAsciiDigit(smiles[i]) && i - digitsStart < 2) i++;
                if (i == digitsStart) throw Error(i, SmilesErrorKind.Syntax, $"chirality class '@{cls}' needs a number");
                int n = int.Parse(smiles.AsSpan(digitsStart, i - digitsStart));
                if (n < 1 || n > max) throw Error(start, SmilesErrorKind.Syntax, $"'@{cls}{n}' is out of range (1-{max})");
                if (cls == "TH")
                {
                    atom.Chirality = n == 1 ? Chirality.CounterClockwise : Chirality.Clockwise;
                    return;
                }
                atom.Chirality = Chirality.Other;
                atom.ChiralClass = $"@{cls}{n}";
                return;
            }
            atom.Chirality = Chirality.CounterClockwise;
        }

        /// <summary>
        /// Stereo neighbour order: the bond list in written order, with the atom's own H (or, for a
        /// three-coordinate centre, its lone pair) as -1 right after the preceding atom.
        /// </summary>
        private void AssignStereoNeighbors()
        {
            for (int a = 0; a < Molecule.AtomCount; a++)
            {
                var atom = Molecule.Atoms[a];
                if (atom.Chirality is not (Chirality.Clockwise or Chirality.CounterClockwise)) continue;
                var order = new List<int>(4);
                foreach (var bond in Molecule.BondsOf(a)) order.Add(Molecule.Bonds[bond].Other(a));
                // A hydrogen, or the lone pair of a three-coordinate centre, sits right after the preceding atom.
                if (order.Count == 3) order.Insert(hasPreceding[a] ? 1 : 0, -1);
                atom.StereoNeighbors = order;
            }
        }

        private string Unexpected(char c) =>
            char.IsWhiteSpace(c) ? "whitespace is not allowed in SMILES"
            : char.IsControl(c) || c > 126 ? $"unexpected character U+{(int)c:X4}"
            : $"unexpected character '{c}'";

        private SmilesException Error(int position, SmilesErrorKind kind, string reason) =>
            new(smiles, Math.Clamp(position, 0, Math.Max(0, smiles.Length - 1)), kind, reason);
    }
}
