using System.Globalization;
using Grpc.Core;
using Translations.Client;
using Translations.V1;

namespace Translations.Cli.Hosting;

/// <summary>Every failure as one line (what failed, why, what to do) and the exit code of its kind.</summary>
internal static class Failures
{
    /// <summary>The service's field names as a user of this command writes them.</summary>
    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["id"] = "ID",
        ["release_id"] = "ID",
        ["language"] = "--lang",
        ["languages"] = "--lang",
        ["target_language"] = "--lang",
        ["slug"] = "--slug",
        ["title"] = "title (first line of the file)",
        ["lead"] = "lead (the paragraph after the first blank line)",
        ["body"] = "body (the text after the lead)",
        ["comment"] = "--reject comment",
        ["publish_time"] = "--at",
        ["source_revision"] = "--source-revision",
        ["expected_revision"] = "--expected-revision",
        ["after_sequence"] = "--after",
        ["limit"] = "--limit",
        ["event_types"] = "--type",
        ["query"] = "QUERY",
        ["release_date_from"] = "--from",
        ["release_date_to"] = "--to",
        ["categories"] = "--category",
        ["has_language"] = "--has-lang",
        ["missing_language"] = "--missing-lang",
    };

    public static (int ExitCode, string Line) Describe(Exception failure, Attempt attempt, string address, CancellationToken cancellationToken)
    {
        var (code, why) = failure switch
        {
            CliFailure own => (own.ExitCode, own.Message),
            OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.Other, "cancelled; nothing more was sent"),
            TranslationsException refused => Refusal(refused, attempt, address),
            RpcException call => Refusal(TranslationsErrors.From(call), attempt, address),
            IOException or UnauthorizedAccessException => (ExitCodes.Other, $"{failure.Message.TrimEnd('.')}"),
            _ => (ExitCodes.Other, $"{failure.GetType().Name}: {failure.Message.TrimEnd('.')}; please report it"),
        };
        return (code, OneLine($"Could not {attempt.What}: {why.TrimEnd('.')}."));
    }

    private static (int, string) Refusal(TranslationsException failure, Attempt attempt, string address) => failure switch
    {
        InvalidRequestException invalid => (ExitCodes.Refused, invalid.FieldViolations.Count == 0
            ? $"the service refused the request ({Said(invalid)}); correct it and try again"
            : $"the service refused {string.Join("; ", invalid.FieldViolations.Select(v => $"{UserName(v.Field)}: {v.Description.TrimEnd('.')}"))}; correct {(invalid.FieldViolations.Count == 1 ? "it" : "them")} and try again"),
        ReleaseNotFoundException => (ExitCodes.Refused, attempt.ReleaseId is { } id
            ? $"there is no release {id} (or this token may not see it); check the id, e.g. with `translations query --draft`"
            : $"not found ({Said(failure)})"),
        RevisionConflictException conflict => (ExitCodes.Refused,
            $"revision {conflict.ExpectedRevision?.ToString(CultureInfo.InvariantCulture) ?? "?"} was expected but the "
            + $"{(attempt.Language is null ? "release" : "variant")} is at {conflict.CurrentRevision?.ToString(CultureInfo.InvariantCulture) ?? "another revision"}; "
            + $"run `translations get {attempt.ReleaseId ?? "ID"}{(attempt.Language is { } lang ? $" --lang {lang}" : "")} --draft` {attempt.OnConflict}"),
        WorkflowConflictException workflow => (ExitCodes.Refused,
            $"{(workflow.PreconditionViolations.Count == 0 ? Said(workflow) : string.Join("; ", workflow.PreconditionViolations.Select(v => $"{v.Subject}: {v.Description.TrimEnd('.')}")))}; "
            + $"see the variants' states with `translations get {attempt.ReleaseId ?? "ID"} --draft`"),
        AlreadyExistsException exists => (ExitCodes.Refused, $"{Said(exists)}; {(exists.Reason == ErrorReasons.RequestIdReused ? "send it with a new request id" : "choose another one")}"),
        AuthenticationException { Reason: ErrorReasons.TokenMissing } => (ExitCodes.Refused,
            "no token was sent; set --token or TRANSLATIONS_TOKEN (mint one with `translations token`)"),
        AuthenticationException { Reason: ErrorReasons.TokenExpired } => (ExitCodes.Refused,
            "the token has expired; mint a new one with `translations token` and set --token or TRANSLATIONS_TOKEN"),
        AuthenticationException refused => (ExitCodes.Refused, $"the token was refused ({Said(refused)}); check --token or TRANSLATIONS_TOKEN"),
        PermissionDeniedException denied => (ExitCodes.Refused,
            $"this token lacks the right {denied.Right ?? "needed"}{(denied.Language is { } language ? $" for {language}" : "")} ({Said(denied)}); use a token with that right"),
        RateLimitedException limited => (ExitCodes.Unavailable,
            $"too many writes ({Said(limited)}); wait {Seconds(limited.RetryDelay ?? TimeSpan.FromSeconds(1))} and run the same command again"),
        EventsExpiredException expired => (ExitCodes.Refused, expired.OldestSequence is { } oldest
            ? $"the events after that sequence are no longer kept (the oldest is {oldest}); read the current state with `translations query --draft`, then watch from now"
            : $"{Said(expired)}; watch from now (without --after) or with a sequence this service gave"),
        ServiceUnavailableException { StatusCode: StatusCode.DeadlineExceeded } => (ExitCodes.Unavailable,
            $"the service at {address} did not answer in time; try again in a moment"),
        ServiceUnavailableException unavailable => (ExitCodes.Unavailable,
            $"the service at {address} is unavailable ({Said(unavailable)}); check that it runs and that --address or TRANSLATIONS_ADDRESS points at it, then try again"),
        _ => (ExitCodes.Other, $"the service failed ({failure.StatusCode}: {Said(failure)}); try again, and report it if it persists"),
    };

    /// <summary><c>variants[0].title</c> as the user wrote it: the file's title line.</summary>
    private static string UserName(string field)
    {
        var last = field[(field.LastIndexOf('.') + 1)..];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        return FieldNames.GetValueOrDefault(bracket < 0 ? last : last[..bracket], field);
    }

    private static string Said(TranslationsException failure) => failure.Message.Trim().TrimEnd('.');

    private static string Seconds(TimeSpan delay) => $"{delay.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
