using System.Text;
using Spectre.Console;

namespace BioTransformer.Cli;

/// <summary>Routes System.CommandLine's help and parse errors to the same console as everything else.</summary>
internal sealed class AnsiTextWriter(IAnsiConsole console) : TextWriter
{
    private readonly StringBuilder line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            console.WriteLine(line.ToString().TrimEnd('\r'));
            line.Clear();
        }
        else line.Append(value);
    }

    public override void Flush()
    {
        if (line.Length == 0) return;
        console.Write(line.ToString());
        line.Clear();
    }
}
