using System.Net;
using System.Text;

namespace BioTransformer.Experiments.Reports;

/// <summary>
/// A report as a list of blocks, rendered to Markdown (figures linked beside it) and to one self-contained
/// HTML file (figures embedded as data URIs, styles inline, nothing fetched) — one content, two formats.
/// </summary>
public sealed class ReportDocument
{
    public abstract record Block;
    public sealed record Heading(int Level, string Text) : Block;
    public sealed record Paragraph(string Text) : Block;
    public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;
    public sealed record Code(string Text) : Block;
    /// <param name="Image">Path of the PNG relative to the report's folder.</param>
    public sealed record Figure(string Image, string Caption) : Block;
    public sealed record Collapsible(string Summary, IReadOnlyList<Block> Blocks) : Block;

    public string Title { get; }
    public List<Block> Blocks { get; } = [];

    public ReportDocument(string title) => Title = title;

    public string ToMarkdown()
    {
        var md = new StringBuilder($"# {Title}\n\n");
        foreach (var block in Blocks) Markdown(block, md);
        return md.ToString();
    }

    private static void Markdown(Block block, StringBuilder md)
    {
        switch (block)
        {
            case Heading h:
                md.Append(new string('#', h.Level)).Append(' ').Append(h.Text).Append("\n\n");
                break;
            case Paragraph p:
                md.Append(p.Text).Append("\n\n");
                break;
            case Table t:
                md.Append("| ").Append(string.Join(" | ", t.Header.Select(Cell))).Append(" |\n");
                md.Append('|').Append(string.Concat(t.Header.Select(_ => " --- |"))).Append('\n');
                foreach (var row in t.Rows) md.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
                md.Append('\n');
                break;
            case Code c:
                md.Append("```toml\n").Append(c.Text.TrimEnd('\n')).Append("\n```\n\n");
                break;
            case Figure f:
                md.Append("![").Append(Cell(f.Caption)).Append("](").Append(f.Image.Replace('\\', '/').Replace(" ", "%20")).Append(")\n\n*").Append(f.Caption).Append("*\n\n");
                break;
            case Collapsible c:
                md.Append("<details><summary>").Append(WebUtility.HtmlEncode(c.Summary)).Append("</summary>\n\n");
                foreach (var inner in c.Blocks) Markdown(inner, md);
                md.Append("</details>\n\n");
                break;
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");

    /// <summary>The report as one HTML file; <paramref name="folder"/> is where figure paths are relative to.</summary>
    public string ToHtml(string folder)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Encode(Title)).Append("</title>\n<style>\n")
            .Append("body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}\n")
            .Append("table{border-collapse:collapse;margin:0.5em 0 1.2em;font-size:0.9em}th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left;vertical-align:top}\n")
            .Append("th{background:#f2f2f2}td{font-variant-numeric:tabular-nums}pre{background:#f6f6f6;padding:0.8em;overflow-x:auto;font-size:0.85em}\n")
            .Append("figure{margin:1em 0 1.6em}figure img{width:504px;max-width:100%;border:1px solid #eee}figcaption{font-size:0.9em;color:#444;max-width:42em}\n")
            .Append("details{margin:0.5em 0 1em}summary{cursor:pointer;font-weight:bold}\n")
            .Append("</style>\n</head>\n<body>\n<h1>").Append(Encode(Title)).Append("</h1>\n");
        foreach (var block in Blocks) Html(block, html, folder);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Html(Block block, StringBuilder html, string folder)
    {
        switch (block)
        {
            case Heading h:
                int level = Math.Clamp(h.Level, 1, 6);
                html.Append($"<h{level}>").Append(Encode(h.Text)).Append($"</h{level}>\n");
                break;
            case Paragraph p:
                html.Append("<p>").Append(Inline(p.Text)).Append("</p>\n");
                break;
            case Table t:
                html.Append("<table>\n<thead><tr>").Append(string.Concat(t.Header.Select(c => $"<th>{Inline(c)}</th>"))).Append("</tr></thead>\n<tbody>\n");
                foreach (var row in t.Rows) html.Append("<tr>").Append(string.Concat(row.Select(c => $"<td>{Inline(c)}</td>"))).Append("</tr>\n");
                html.Append("</tbody>\n</table>\n");
                break;
            case Code c:
                html.Append("<pre><code>").Append(Encode(c.Text)).Append("</code></pre>\n");
                break;
            case Figure f:
                var bytes = File.ReadAllBytes(Path.Combine(folder, f.Image));
                html.Append("<figure><img alt=\"").Append(Encode(f.Caption)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(bytes))
                    .Append("\"><figcaption>").Append(Encode(f.Caption)).Append("</figcaption></figure>\n");
                break;
            case Collapsible c:
                html.Append("<details><summary>").Append(Encode(c.Summary)).Append("</summary>\n");
                foreach (var inner in c.Blocks) Html(inner, html, folder);
                html.Append("</details>\n");
                break;
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>HTML of a text with Markdown's `code` spans (the only inline markup reports use).</summary>
    private static string Inline(string text)
    {
        var parts = text.Split('`');
        var html = new StringBuilder();
        for (int i = 0; i < parts.Length; i++)
            html.Append(i % 2 == 1 && i < parts.Length - 1 ? $"<code>{Encode(parts[i])}</code>" : (i % 2 == 1 ? "`" : "") + Encode(parts[i]));
        return html.ToString();
    }
}
