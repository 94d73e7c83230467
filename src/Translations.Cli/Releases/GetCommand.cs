using System.CommandLine;
using Translations.Cli.Hosting;
using Translations.V1;

namespace Translations.Cli.Releases;

/// <summary><c>translations get ID|--slug S [--lang en] [--draft]</c>: one release.</summary>
internal static class GetCommand
{
    public static Command Create(CliContext cli)
    {
        var id = new Argument<string?>("ID") { Description = "The release's id.", Arity = ArgumentArity.ZeroOrOne };
        var slug = new Option<string?>("--slug") { Description = "The release's slug, instead of its id." };
        var language = new Option<string?>("--lang") { Description = "Only the variant in this language (or the service's fallback for it), with its texts." };
        var draft = new Option<bool>("--draft") { Description = "The draft view: the latest revision of every variant, not only what is published (translators, editors)." };
        var command = new Command("get", Help.Describe(
            "Shows one release: its metadata and its variants (with --lang, that variant's texts).",
            "translations get 0f8fad5bd9cb469fa16570867728950e --lang en --draft"))
        {
            id, slug, language, draft,
        };
        cli.Service.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(id) is null == result.GetValue(slug) is null)
            {
                result.AddError("Give either the release's ID or --slug.");
            }
        });
        command.SetAction((parsed, cancellationToken) =>
        {
            var key = parsed.GetValue(id);
            var bySlug = parsed.GetValue(slug);
            var attempt = new Attempt(key is null ? $"get the release with slug {bySlug}" : $"get release {key}", key, parsed.GetValue(language));
            return cli.RunAsync(parsed, attempt, async (client, cancel) =>
            {
                var view = parsed.GetValue(draft) ? ReleaseView.Draft : ReleaseView.Published;
                var release = key is not null
                    ? await client.GetReleaseAsync(key, parsed.GetValue(language), view, cancel)
                    : await client.GetReleaseBySlugAsync(bySlug!, parsed.GetValue(language), view, cancel);
                if (release is null)
                {
                    throw CliFailure.Refused(key is not null
                        ? $"there is no release {key}{(view == ReleaseView.Published ? " in the published view (add --draft for unpublished ones)" : "")}; check the id, e.g. with `translations query --draft`"
                        : $"no release has the slug {bySlug}{(view == ReleaseView.Published ? " in the published view (add --draft for unpublished ones)" : "")}");
                }
                if (parsed.GetValue(cli.Service.Json))
                {
                    cli.Json(release);
                }
                else
                {
                    ReleaseTables.Show(cli.Console, release);
                }
            }, cancellationToken);
        });
        return command;
    }
}
