namespace BioTransformer.Core;

/// <summary>
/// An error the user can fix: a bad file, row, key or option. Its message is one line naming where the
/// problem is (file and line when known), what is wrong and what to do. The CLI prints it without a
/// stack trace.
/// </summary>
public class InputException : Exception
{
    public InputException(string message) : base(message) { }

    public InputException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Builds "file:line: what; hint" (line and hint optional).</summary>
    public static InputException At(string? file, int? line, string what, string? hint = null)
    {
        var where = file is null ? "" : line is null ? $"{file}: " : $"{file}:{line}: ";
        var todo = string.IsNullOrEmpty(hint) ? "" : $" ({hint})";
        return new InputException($"{where}{what}{todo}");
    }
}
