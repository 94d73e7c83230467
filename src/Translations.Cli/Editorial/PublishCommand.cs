using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;
using Translations.Cli.Hosting;
using Translations.V1;

namespace Translations.Cli.Editorial;

/// <summary><c>translations publish ID --lang en [--at TIME]</c>: publishes approved variants, now or later.</summary>
internal static partial class PublishCommand
{
    public static Command Create(CliContext cli)
    {
        var id = new Argument<string>("ID") { Description = "The release's id." };
        var languages = new Option<string[]>("--lang") { Description = "A language to publish; repeat to publish several together.", Required = true };
        var at = new Option<string?>("--at") { Description = "Publish at this ISO-8601 time with an offset or Z (e.g. 2026-12-01T09:00:00+03:00) instead of now." };
        var command = new Command("publish", Help.Describe(
            "Publishes approved variants of a release, now or at a given time (editors).",
            "translations publish 0f8fad5bd9cb469fa16570867728950e --lang ru --lang en --at 2026-12-01T09:00:00+03:00"))
        {
            id, languages, at,
        };
        cli.Service.AddTo(command);
        at.Validators.Add(result =>
        {
            if (result.GetValue(at) is { } text && Time(text) is null)
            {
                result.AddError($"--at '{text}' is not an ISO-8601 time with an offset or Z, e.g. 2026-12-01T09:00:00+03:00 or 2026-12-01T06:00:00Z.");
            }
        });
        command.SetAction((parsed, cancellationToken) =>
        {
            var release = parsed.GetValue(id)!;
            var chosen = parsed.GetValue(languages)!;
            var attempt = new Attempt($"publish {string.Join(", ", chosen)} of {release}", release);
            return cli.RunAsync(parsed, attempt, async (client, cancel) =>
            {
                var request = new PublishReleaseRequest { Id = release, Languages = { chosen } };
                if (parsed.GetValue(at) is { } text)
                {
                    request.PublishTime = Timestamp.FromDateTimeOffset(Time(text)!.Value);
                }
                var response = await client.PublishReleaseAsync(request, cancel);
                if (parsed.GetValue(cli.Service.Json))
                {
                    cli.Json(response);
                    return;
                }
                var states = string.Join(", ", response.Release.Variants.Where(v => chosen.Contains(v.Language))
                    .Select(v => $"{v.Language} {Words.State(v.State)} {Words.Revision(v.Revision)}"));
                cli.Console.MarkupLine(Markup.Escape(response.Scheduled
                    ? $"Scheduled {string.Join(", ", chosen)} of {release} for {Words.Time(request.PublishTime)}: {states}."
                    : $"Published {string.Join(", ", chosen)} of {release}: {states}."));
            }, cancellationToken);
        });
        return command;
    }

    private static DateTimeOffset? Time(string text) =>
        WithOffset().IsMatch(text.Trim()) && DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex WithOffset();
}
