using BioTransformer.Core;
using BioTransformer.Core.Tokenization;
using BioTransformer.Molecules;
using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Experiments.Generation;

/// <summary>
/// The ids a generated sequence starts with: &lt;cls&gt; &lt;smiles&gt;, then for scaffold-prompted models the
/// scaffold's canonical SMILES and &lt;sep&gt;, then an optional SMILES prefix the molecule must begin with.
/// </summary>
public sealed record GenerationPrompt(int[] Ids, string Prefix)
{
    /// <param name="scaffold">Scaffold SMILES, or empty (only for models trained with scaffold prompts).</param>
    /// <param name="prefix">SMILES the molecule starts with, or empty.</param>
    public static GenerationPrompt Build(Vocabulary vocabulary, bool scaffoldPrompt, string scaffold, string prefix)
    {
        var ids = new List<int> { Vocabulary.ClsId, Vocabulary.SmilesTagId };
        var tokenizer = Tokenizers.For(Domain.Smiles);
        if (scaffoldPrompt)
        {
            if (scaffold.Length > 0)
            {
                if (!Smiles.TryParse(scaffold, out var mol, out var error)) throw new InputException($"scaffold '{scaffold}' is not a valid molecule: {error!.Message}");
                ids.AddRange(EncodeKnown(vocabulary, tokenizer.Tokenize(Smiles.Canonical(mol!)), "scaffold"));
            }
            ids.Add(Vocabulary.SepId);
        }
        else if (scaffold.Length > 0)
            throw new InputException("this model was not trained with scaffold prompts (generation.scaffold_prompt = false); use a prefix instead");
        if (prefix.Length > 0)
        {
            IReadOnlyList<string> tokens;
            try
            {
                tokens = tokenizer.Tokenize(prefix);
            }
            catch (InvalidSequenceException e)
            {
                throw new InputException($"prefix does not tokenize: {e.Message}");
            }
            ids.AddRange(EncodeKnown(vocabulary, tokens, "prefix"));
        }
        return new GenerationPrompt([.. ids], prefix);
    }

    /// <summary>Tokens of a molecule's Bemis–Murcko scaffold; none for an acyclic molecule (its scaffold is empty).</summary>
    public static IReadOnlyList<string> ScaffoldTokens(Molecule molecule)
    {
        var scaffold = Scaffolds.MurckoSmiles(molecule);
        return scaffold.Length == 0 ? [] : Tokenizers.For(Domain.Smiles).Tokenize(scaffold);
    }

    /// <summary>Training ids of one molecule: the prompt without a prefix, the molecule's tokens, &lt;eos&gt;.</summary>
    public static (int[] Ids, int PromptLength) Training(Vocabulary vocabulary, IReadOnlyList<string> moleculeTokens, IReadOnlyList<string>? scaffoldTokens)
    {
        var ids = new List<int> { Vocabulary.ClsId, Vocabulary.SmilesTagId };
        if (scaffoldTokens is not null)
        {
            ids.AddRange(scaffoldTokens.Select(t => vocabulary.IdOf(Domain.Smiles, t)));
            ids.Add(Vocabulary.SepId);
        }
        int prompt = ids.Count;
        ids.AddRange(moleculeTokens.Select(t => vocabulary.IdOf(Domain.Smiles, t)));
        ids.Add(Vocabulary.EosId);
        return ([.. ids], prompt);
    }

    private static IEnumerable<int> EncodeKnown(Vocabulary vocabulary, IReadOnlyList<string> tokens, string what)
    {
        var unknown = tokens.Where(t => !vocabulary.Contains(Domain.Smiles, t)).Distinct().ToList();
        if (unknown.Count > 0)
            throw new InputException($"the {what} uses tokens the model never saw in training: {string.Join(" ", unknown)}");
        return tokens.Select(t => vocabulary.IdOf(Domain.Smiles, t));
    }
}
