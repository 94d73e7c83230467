using System.Text;

namespace Translations.Deployment.Tests;

/// <summary>A Dockerfile read as its instructions, grouped by stage. Enough of the syntax for ours.</summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<Stage> stages) => Stages = stages;

    public IReadOnlyList<Stage> Stages { get; }

    public Stage Final => Stages[^1];

    public static Dockerfile Read(string relative = "Dockerfile") => Parse(Repository.Read(relative));

    public static Dockerfile Parse(string text)
    {
        var stages = new List<Stage>();
        foreach (var line in LogicalLines(text))
        {
            var space = line.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                stages.Add(new Stage(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], []));
            }
            else if (stages.Count == 0)
            {
                if (keyword != "ARG")
                {
                    throw new FormatException($"{keyword} before the first FROM.");
                }
            }
            else
            {
                stages[^1].Instructions.Add(new Instruction(keyword, arguments));
            }
        }

        return new Dockerfile(stages);
    }

    /// <summary>Lines with comments dropped and backslash continuations joined.</summary>
    private static IEnumerable<string> LogicalLines(string text)
    {
        var current = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current.Append(line[..^1]).Append(' ');
                continue;
            }

            current.Append(line);
            if (current.ToString().Trim() is { Length: > 0 } complete)
            {
                yield return complete;
            }

            current.Clear();
        }
    }

    public sealed record Instruction(string Keyword, string Arguments);

    public sealed record Stage(string Image, List<Instruction> Instructions)
    {
        public IEnumerable<string> All(string keyword) =>
            Instructions.Where(instruction => instruction.Keyword == keyword).Select(instruction => instruction.Arguments);

        public string? Last(string keyword) => All(keyword).LastOrDefault();

        /// <summary>The ENV variables the stage sets (key=value pairs, values in double quotes allowed).</summary>
        public IReadOnlyDictionary<string, string> Environment
        {
            get
            {
                var environment = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var arguments in All("ENV"))
                {
                    foreach (var word in Words(arguments))
                    {
                        var equals = word.IndexOf('=');
                        if (equals <= 0)
                        {
                            throw new FormatException($"ENV {arguments}: write key=value pairs.");
                        }

                        environment[word[..equals]] = word[(equals + 1)..];
                    }
                }

                return environment;
            }
        }

        /// <summary>Splits at white space outside double quotes, dropping the quotes.</summary>
        private static IEnumerable<string> Words(string arguments)
        {
            var word = new StringBuilder();
            var quoted = false;
            foreach (var character in arguments)
            {
                if (character == '"')
                {
                    quoted = !quoted;
                }
                else if (char.IsWhiteSpace(character) && !quoted)
                {
                    if (word.Length > 0)
                    {
                        yield return word.ToString();
                        word.Clear();
                    }
                }
                else
                {
                    word.Append(character);
                }
            }

            if (word.Length > 0)
            {
                yield return word.ToString();
            }
        }
    }
}
