using System.CommandLine;
using Translations.Cli.Hosting;

namespace Translations.Cli.Export;

/// <summary><c>translations export …</c>: content into files, read through the service's public calls.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext cli) =>
        new("export", Help.Describe("Exports content from the service into files (what the token may read, as the service serves it).",
            "translations export xliff --target en --output en.xlf"))
        {
            ExportXliffCommand.Create(cli),
        };
}
