using Translations.Cli.Hosting;

namespace Translations.Cli.Export;

/// <summary>The file an export writes: whole or not at all.</summary>
internal static class ExportFiles
{
    /// <summary>
    /// Writes beside <paramref name="path"/> and renames the file into place once <paramref name="write"/> is done,
    /// so a broken export never leaves a file that looks whole; the partial file goes whatever the failure.
    /// A file that cannot be written is a usage error naming it.
    /// </summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        var file = new FileInfo(path);
        var temporary = Path.Combine(file.DirectoryName ?? ".", $".{file.Name}.{Environment.ProcessId}.tmp");
        try
        {
            await using (var stream = File.Create(temporary))
            {
                await write(stream);
            }
            File.Move(temporary, file.FullName, overwrite: true);
        }
        catch (Exception e)
        {
            File.Delete(temporary);
            if (e is IOException or UnauthorizedAccessException)
            {
                throw CliFailure.Usage($"cannot write {file.FullName} ({e.Message.TrimEnd('.')}); choose another --output");
            }
            throw;
        }
    }
}
