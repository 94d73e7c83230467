namespace Translations.Interchange.Xliff;

/// <summary>The file is not an XLIFF document this service wrote: <see cref="Exception.Message"/> names the line and what was expected there. Nothing of it should be imported.</summary>
public sealed class XliffFormatException(int line, string problem) : Exception($"line {line}: {problem}")
{
    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
