namespace BioTransformer.Core;

/// <summary>
/// An error the user can fix: a bad file, row, key or option. Its message is one line naming where the
/// problem is (file and line when known), what is wrong and what to do. The CLI prints it without a
/// stack trace.
/// </summary>
public class InputException : Exception
{
    public InputException(string message) : base(OneLine(message)) { }

    public InputException(string message, Exception inner) : base(OneLine(message), inner) { }

    /// <summary>Longest message kept whole; a longer one (it quotes a huge value) is cut in the middle.</summary>
    public const int MaxLength = 2000;

    /// <summary>
    /// Keeps the promise of one line whatever the message quotes from the input: line breaks and other
    /// control characters (a value read from a file can hold them) are shown escaped (\n, \u0000).
    /// </summary>
    public static string OneLine(string message)
    {
        if (message.Length > MaxLength)
            message = message[..(MaxLength - 500)] + $" … ({message.Length - MaxLength + 100:N0} characters cut) … " + message[^400..];
        if (!message.Any(char.IsControl)) return message;
        var text = new System.Text.StringBuilder(message.Length + 8);
        foreach (var c in message)
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return text.ToString();
    }

    /// <summary>A value quoted in a message, cut to <paramref name="max"/> characters ("…" marks the cut).</summary>
    public static string Abbreviate(string value, int max = 80) => value.Length <= max ? value : value[..(max - 1)] + "…";

    /// <summary>Builds "file:line: what; hint" (line and hint optional).</summary>
    public static InputException At(string? file, int? line, string what, string? hint = null)
    {
        var where = file is null ? "" : line is null ? $"{file}: " : $"{file}:{line}: ";
        var todo = string.IsNullOrEmpty(hint) ? "" : $" ({hint})";
        return new InputException($"{where}{what}{todo}");
    }
}
