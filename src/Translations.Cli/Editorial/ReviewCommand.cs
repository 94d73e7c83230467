using System.CommandLine;
using Spectre.Console;
using Translations.Cli.Hosting;
using Translations.Cli.Translation;
using Translations.V1;

namespace Translations.Cli.Editorial;

/// <summary><c>translations review ID --lang en --approve|--reject "comment"</c>: the editor's decision on the revision in review.</summary>
internal static class ReviewCommand
{
    public static Command Create(CliContext cli)
    {
        var id = new Argument<string>("ID") { Description = "The release's id." };
        var language = new Option<string>("--lang") { Description = "The variant's language.", Required = true };
        var approve = new Option<bool>("--approve") { Description = "Approve the revision in review." };
        var reject = new Option<string?>("--reject") { Description = "Reject it, with this comment for the translator." };
        var expectedRevision = new Option<long?>("--expected-revision") { Description = "The revision reviewed (default: the variant's current one, the one in review)." };
        var command = new Command("review", Help.Describe(
            "Approves or rejects the revision of a variant that is in review (editors).",
            "translations review 0f8fad5bd9cb469fa16570867728950e --lang en --reject \"A full stop is missing after the first paragraph.\""))
        {
            id, language, approve, reject, expectedRevision,
        };
        cli.Service.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(approve) == result.GetValue(reject) is not null)
            {
                result.AddError("Give either --approve or --reject \"comment\".");
            }
        });
        command.SetAction((parsed, cancellationToken) =>
        {
            var release = parsed.GetValue(id)!;
            var target = parsed.GetValue(language)!;
            var attempt = new Attempt($"review {target} of {release}", release, target, OnConflict: "and review the revision in review");
            return cli.RunAsync(parsed, attempt, async (client, cancel) =>
            {
                var expected = parsed.GetValue(expectedRevision) ?? await SubmitCommand.CurrentRevisionAsync(client, release, target, cancel);
                if (expected == 0)
                {
                    throw CliFailure.Refused($"release {release} has no {target} variant; see `translations get {release} --draft`");
                }
                var rejection = parsed.GetValue(reject);
                var response = await client.ReviewVariantAsync(new ReviewVariantRequest
                {
                    ReleaseId = release,
                    Language = target,
                    ExpectedRevision = expected,
                    Decision = rejection is null ? ReviewDecision.Approve : ReviewDecision.Reject,
                    Comment = rejection ?? "",
                }, cancel);
                if (parsed.GetValue(cli.Service.Json))
                {
                    cli.Json(response);
                    return;
                }
                var variant = response.Variant;
                cli.Console.MarkupLine($"{(rejection is null ? "Approved" : "Rejected")} {Markup.Escape(target)} of {Markup.Escape(release)}: "
                    + $"revision {variant.Revision}, {Markup.Escape(Words.State(variant.State))}.");
            }, cancellationToken);
        });
        return command;
    }
}
