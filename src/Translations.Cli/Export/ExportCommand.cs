using System.CommandLine;
using Translations.Cli.Backup;
using Translations.Cli.Hosting;

namespace Translations.Cli.Export;

/// <summary><c>translations export …</c>: content into files, through the service's public calls.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext cli) =>
        new("export", Help.Describe("Exports content into files through the service: the releases to translate as XLIFF 2.0, a full backup as JSON lines.",
            "translations export xliff --target en --output en.xlf"))
        {
            ExportXliffCommand.Create(cli),
            ExportJsonlCommand.Create(cli),
        };
}
