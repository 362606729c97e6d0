using System.Text.Json;
using System.Text.Json.Nodes;

namespace BioTransformer.Core.Tokenization;

/// <summary>
/// Token ids for both domains, shared by one backbone. Layout (pinned by tests):
/// ids 0-7 are the special tokens (<see cref="PadId"/> ... <see cref="ProteinTagId"/>), then the base
/// tokens of each tokenizer in <see cref="Domain"/> order (protein, then SMILES), then any tokens
/// added from training data by <see cref="Extend"/>. A SMILES "C" (carbon) and a protein "C"
/// (cysteine) are different tokens with different ids.
/// The vocabulary is saved with every model and loaded with it, so ids never drift between runs.
/// </summary>
public sealed class Vocabulary
{
    public const int PadId = 0;
    public const int ClsId = 1;
    public const int EosId = 2;
    public const int MaskId = 3;
    public const int UnkId = 4;
    public const int SepId = 5;
    public const int SmilesTagId = 6;
    public const int ProteinTagId = 7;

    /// <summary>Texts of the special tokens, indexed by id.</summary>
    public static IReadOnlyList<string> SpecialTokens { get; } =
        ["<pad>", "<cls>", "<eos>", "<mask>", "<unk>", "<sep>", "<smiles>", "<protein>"];

    private const string FormatName = "biotransformer-vocabulary";
    private const int FormatVersion = 1;

    private readonly List<(string Kind, string Text)> entries;
    private readonly Dictionary<string, int>[] idsByDomain;

    private Vocabulary(List<(string Kind, string Text)> entries)
    {
        this.entries = entries;
        idsByDomain = [new(StringComparer.Ordinal), new(StringComparer.Ordinal)]; // indexed by (int)Domain
        for (int id = 0; id < entries.Count; id++)
        {
            var (kind, text) = entries[id];
            if (kind == "special") continue;
            if (!idsByDomain[(int)ParseDomain(kind)].TryAdd(text, id))
                throw new InvalidDataException($"token '{text}' of domain {kind} appears twice (ids {idsByDomain[(int)ParseDomain(kind)][text]} and {id})");
        }
    }

    /// <summary>Number of tokens, the size of the embedding table.</summary>
    public int Count => entries.Count;

    /// <summary>The special tokens followed by the base tokens of each tokenizer, in domain order.</summary>
    public static Vocabulary Create(IEnumerable<ITokenizer> tokenizers)
    {
        var list = SpecialTokens.Select(t => ("special", t)).ToList();
        foreach (var tokenizer in tokenizers.OrderBy(t => t.Domain))
            list.AddRange(tokenizer.BaseTokens.Select(t => (DomainName(tokenizer.Domain), t)));
        return new Vocabulary(list);
    }

    /// <summary>
    /// A copy with the tokens of <paramref name="tokens"/> that are not yet known appended, in the
    /// order given (callers pass them sorted, so the result is deterministic).
    /// </summary>
    public Vocabulary Extend(Domain domain, IEnumerable<string> tokens)
    {
        var list = new List<(string, string)>(entries);
        var seen = new HashSet<string>(idsByDomain[(int)domain].Keys, StringComparer.Ordinal);
        foreach (var token in tokens)
            if (seen.Add(token)) list.Add((DomainName(domain), token));
        return new Vocabulary(list);
    }

    public bool Contains(Domain domain, string token) => idsByDomain[(int)domain].ContainsKey(token);

    /// <summary>Ids of every (non-special) token of one domain, ascending.</summary>
    public IReadOnlyList<int> IdsOf(Domain domain) => [.. idsByDomain[(int)domain].Values.Order()];

    /// <summary>Id of a token, or <see cref="UnkId"/> when the vocabulary does not hold it.</summary>
    public int IdOf(Domain domain, string token) =>
        idsByDomain[(int)domain].TryGetValue(token, out var id) ? id : UnkId;

    /// <summary>Text of the token with this id (special tokens as "&lt;pad&gt;" etc.).</summary>
    public string TextOf(int id) => entries[id].Text;

    /// <summary>Whether the id is one of the special tokens (0-7).</summary>
    public static bool IsSpecial(int id) => id >= 0 && id < SpecialTokens.Count;

    /// <summary>The domain tag token id that follows &lt;cls&gt; in an encoded sequence.</summary>
    public static int TagOf(Domain domain) => domain == Domain.Smiles ? SmilesTagId : ProteinTagId;

    /// <summary>
    /// Ids of one sequence as the backbone reads it: &lt;cls&gt;, the domain tag, the tokens, &lt;eos&gt;.
    /// Length is tokens.Count + 3. Tokens the vocabulary lacks become &lt;unk&gt;; count them with
    /// <see cref="CountUnknown"/>.
    /// </summary>
    public int[] Encode(Domain domain, IReadOnlyList<string> tokens)
    {
        var ids = new int[tokens.Count + 3];
        ids[0] = ClsId;
        ids[1] = TagOf(domain);
        var map = idsByDomain[(int)domain];
        for (int i = 0; i < tokens.Count; i++)
            ids[i + 2] = map.TryGetValue(tokens[i], out var id) ? id : UnkId;
        ids[^1] = EosId;
        return ids;
    }

    /// <summary>Number of tokens the vocabulary does not hold (they would encode as &lt;unk&gt;).</summary>
    public int CountUnknown(Domain domain, IReadOnlyList<string> tokens)
    {
        var map = idsByDomain[(int)domain];
        int n = 0;
        foreach (var t in tokens) if (!map.ContainsKey(t)) n++;
        return n;
    }

    /// <summary>Tokens of the ids, skipping special tokens.</summary>
    public IReadOnlyList<string> DecodeTokens(IEnumerable<int> ids) =>
        ids.Where(id => !IsSpecial(id)).Select(TextOf).ToList();

    public string ToJson()
    {
        var tokens = new JsonArray();
        for (int id = 0; id < entries.Count; id++)
            tokens.Add(new JsonObject { ["id"] = id, ["kind"] = entries[id].Kind, ["text"] = entries[id].Text });
        var root = new JsonObject { ["format"] = FormatName, ["version"] = FormatVersion, ["tokens"] = tokens };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Reads a vocabulary written by <see cref="ToJson"/>; <paramref name="source"/> names it in errors.</summary>
    public static Vocabulary FromJson(string json, string source)
    {
        try
        {
            var root = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException("empty document");
            if ((string?)root["format"] != FormatName)
                throw new InvalidDataException($"not a vocabulary file (format is not '{FormatName}')");
            if ((int?)root["version"] != FormatVersion)
                throw new InvalidDataException($"vocabulary version {root["version"]} is not supported (expected {FormatVersion})");
            var list = new List<(string, string)>();
            foreach (var node in root["tokens"]?.AsArray() ?? throw new InvalidDataException("no 'tokens' array"))
            {
                var id = (int?)node?["id"] ?? throw new InvalidDataException("a token has no id");
                if (id != list.Count) throw new InvalidDataException($"token ids must run 0, 1, 2, ...; found {id} at position {list.Count}");
                var kind = (string?)node!["kind"] ?? throw new InvalidDataException($"token {id} has no kind");
                var text = (string?)node["text"] ?? throw new InvalidDataException($"token {id} has no text");
                if (kind != "special") ParseDomain(kind);
                list.Add((kind, text));
            }
            for (int id = 0; id < SpecialTokens.Count; id++)
                if (id >= list.Count || list[id] != ("special", SpecialTokens[id]))
                    throw new InvalidDataException($"token {id} must be the special token {SpecialTokens[id]}");
            return new Vocabulary(list);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException or FormatException)
        {
            throw InputException.At(source, null, $"invalid vocabulary: {e.Message}", "the model directory may be damaged; retrain or copy it again");
        }
    }

    public static Vocabulary Load(string path)
    {
        if (!File.Exists(path)) throw InputException.At(path, null, "vocabulary file not found", "pass a model directory written by 'biotransformer run'");
        return FromJson(File.ReadAllText(path), path);
    }

    private static string DomainName(Domain domain) => domain == Domain.Smiles ? "smiles" : "protein";

    private static Domain ParseDomain(string kind) => kind switch
    {
        "smiles" => Domain.Smiles,
        "protein" => Domain.Protein,
        _ => throw new InvalidDataException($"unknown token kind '{kind}'"),
    };
}
