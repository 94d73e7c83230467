using System.CommandLine;
using Spectre.Console;
using Translations.Cli.Hosting;

namespace Translations.Cli.Editorial;

/// <summary><c>translations unpublish ID --lang en</c>: takes one published language down.</summary>
internal static class UnpublishCommand
{
    public static Command Create(CliContext cli)
    {
        var id = new Argument<string>("ID") { Description = "The release's id." };
        var language = new Option<string>("--lang") { Description = "The published language to take down.", Required = true };
        var command = new Command("unpublish", Help.Describe(
            "Takes one published language of a release down (editors); readers no longer see it.",
            "translations unpublish 0f8fad5bd9cb469fa16570867728950e --lang en"))
        {
            id, language,
        };
        cli.Service.AddTo(command);
        command.SetAction((parsed, cancellationToken) =>
        {
            var release = parsed.GetValue(id)!;
            var target = parsed.GetValue(language)!;
            return cli.RunAsync(parsed, new Attempt($"unpublish {target} of {release}", release, target), async (client, cancel) =>
            {
                var updated = await client.UnpublishReleaseAsync(release, target, cancel);
                if (parsed.GetValue(cli.Service.Json))
                {
                    cli.Json(updated);
                    return;
                }
                var variant = updated.Variants.FirstOrDefault(v => v.Language == target);
                cli.Console.MarkupLine(Markup.Escape($"Unpublished {target} of {release}"
                    + (variant is null ? "." : $": {Words.State(variant.State)} {Words.Revision(variant.Revision)}.")));
            }, cancellationToken);
        });
        return command;
    }
}
