namespace Translations.Cli.Translation;

/// <summary>
/// A variant's texts in a plain text or Markdown file: the title on the first line (a leading <c>#</c> heading
/// mark is dropped), the lead after the first blank line, the body after the blank line that ends the lead.
/// </summary>
internal sealed record VariantFile(string Title, string Lead, string Body)
{
    /// <summary>The texts of <paramref name="text"/>, or why it cannot be read as a variant.</summary>
    public static VariantFile Parse(string text, string name)
    {
        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        if (lines.All(string.IsNullOrWhiteSpace))
        {
            throw Hosting.CliFailure.Usage($"{name} is empty: put the title on its first line, the lead after a blank line, then the body");
        }
        var title = lines[0].Trim();
        if (title.StartsWith('#'))
        {
            title = title.TrimStart('#').Trim();
        }
        if (title.Length == 0)
        {
            throw Hosting.CliFailure.Usage($"{name} has no title on its first line: the title goes on line 1, the lead after a blank line, then the body");
        }
        if (lines.Length > 1 && !string.IsNullOrWhiteSpace(lines[1]))
        {
            throw Hosting.CliFailure.Usage($"{name}: line 2 must be blank (the title is the first line alone; the lead follows the first blank line)");
        }
        var rest = lines.Skip(1).SkipWhile(string.IsNullOrWhiteSpace).ToList();
        var lead = rest.TakeWhile(line => !string.IsNullOrWhiteSpace(line)).ToList();
        var body = rest.Skip(lead.Count).SkipWhile(string.IsNullOrWhiteSpace);
        return new VariantFile(title, string.Join('\n', lead).Trim(), string.Join('\n', body).TrimEnd());
    }

    public static VariantFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Hosting.CliFailure.Usage($"cannot read {path} ({failure.Message.TrimEnd('.')}); give a readable text or Markdown file with --file");
        }
        return Parse(text, path);
    }
}
