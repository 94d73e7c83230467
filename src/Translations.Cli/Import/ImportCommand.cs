using System.CommandLine;
using Translations.Cli.Hosting;

namespace Translations.Cli.Import;

/// <summary><c>translations import …</c>: content from files, through the service's public calls.</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext cli) =>
        new("import", Help.Describe("Imports content from files through the service (validation, revisions, change events and access control apply).",
            "translations import archive --lang ru archive-ru.txt --dry-run"))
        {
            ImportArchiveCommand.Create(cli),
            ImportXliffCommand.Create(cli),
            Backup.ImportJsonlCommand.Create(cli),
        };
}
