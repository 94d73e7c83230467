using System.Text;
using Google.Protobuf;
using Translations.V1;

namespace Translations.Cli.Backup;

/// <summary>
/// A backup file: one <see cref="ReleaseBackup"/> per line in proto JSON (lowerCamelCase names, enums by
/// name, default values left out), UTF-8 without a byte-order mark, lines ended by '\n'. Read and written
/// one line at a time, so its size never matters.
/// </summary>
internal static class BackupFile
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    /// <summary>Unknown fields are refused: a file from a newer service is not restored with parts of it dropped.</summary>
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Task WriteAsync(TextWriter writer, ReleaseBackup release) => writer.WriteAsync(Formatter.Format(release) + "\n");

    /// <summary>
    /// Each non-blank line with its number, parsed; a line that is not a release backup throws
    /// <see cref="BackupFormatException"/> naming it. A byte-order mark and CRLF line ends are tolerated.
    /// </summary>
    public static async IAsyncEnumerable<(int Line, ReleaseBackup Release)> ReadAsync(TextReader reader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var number = 0;
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                throw new BackupFormatException(number + 1, "the file is not UTF-8 text");
            }
            if (line is null)
            {
                yield break;
            }
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            ReleaseBackup release;
            try
            {
                release = Parser.Parse<ReleaseBackup>(line);
            }
            catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
            {
                throw new BackupFormatException(number, $"the line is not a release as `translations export jsonl` writes it ({e.Message.TrimEnd('.')})");
            }
            if (release.Release is null)
            {
                throw new BackupFormatException(number, "the line has no \"release\"");
            }
            yield return (number, release);
        }
    }
}

/// <summary>A backup file that cannot be restored, at <see cref="Line"/>.</summary>
internal sealed class BackupFormatException(int line, string problem) : Exception($"line {line}: {problem}")
{
    public int Line { get; } = line;
}
