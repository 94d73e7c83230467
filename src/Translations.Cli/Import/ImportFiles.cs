using Translations.Cli.Hosting;

namespace Translations.Cli.Import;

/// <summary>The file an import reads.</summary>
internal static class ImportFiles
{
    /// <summary>The file open for reading; one that cannot be opened is a usage error, before anything is sent.</summary>
    public static Stream OpenRead(FileInfo path)
    {
        try
        {
            return path.OpenRead();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Usage($"cannot read {path.FullName} ({e.Message.TrimEnd('.')})");
        }
    }
}
