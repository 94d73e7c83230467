using System.Runtime.CompilerServices;
using Google.Protobuf.WellKnownTypes;
using Translations.Validation;
using Date = Google.Type.Date;
using Release = Translations.Releases.Release;
using Variant = Translations.Releases.Variant;

namespace Translations.Releases;

/// <summary>Maps domain types to and from the messages of translations.v1.</summary>
internal static class ReleaseMessages
{
    /// <summary>
    /// Messages built from releases, kept as long as their release lives: a release served from the
    /// cache is the same immutable instance on every hit, so its message is built once, not per call.
    /// </summary>
    private static readonly ConditionalWeakTable<Release, V1.Release> SharedMessages = new();

    /// <summary>For unary reads, whose releases mostly come from the cache. The message is shared: never modify it.</summary>
    public static V1.Release ToSharedMessage(this Release release) => SharedMessages.GetValue(release, ToMessage);

    public static V1.Release ToMessage(this Release release)
    {
        var message = new V1.Release
        {
            Id = release.Id,
            Slug = release.Slug ?? "",
            ReleaseDate = release.ReleaseDate.ToMessage(),
            Category = release.Category,
            SourceLanguage = release.SourceLanguage,
            Revision = release.Revision,
            CreateTime = Timestamp.FromDateTimeOffset(release.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(release.UpdateTime),
        };
        message.Tags.AddRange(release.Tags);
        message.Variants.AddRange(release.Variants.Select(ToMessage));
        return message;
    }

    public static V1.Variant ToMessage(this Variant variant) => new()
    {
        Language = variant.Language,
        Title = variant.Title,
        Lead = variant.Lead,
        Body = variant.Body,
        Revision = variant.Revision,
        SourceRevision = variant.SourceRevision,
        Author = variant.Author,
        UpdateTime = Timestamp.FromDateTimeOffset(variant.UpdateTime),
        State = variant.State.ToMessage(),
        Outdated = variant.Outdated,
        Comment = variant.Comment,
        Actor = variant.Actor,
    };

    public static V1.TranslationTask ToMessage(this TranslationTask task) => new()
    {
        ReleaseId = task.ReleaseId,
        ReleaseDate = task.ReleaseDate.ToMessage(),
        Reason = task.Reason switch
        {
            TranslationTaskReason.Missing => V1.TranslationTaskReason.Missing,
            TranslationTaskReason.Outdated => V1.TranslationTaskReason.Outdated,
            _ => V1.TranslationTaskReason.Rejected,
        },
        Source = task.Source.ToMessage(),
        PreviousSource = task.PreviousSource?.ToMessage(),
        Translation = task.Translation?.ToMessage(),
    };

    public static V1.ReviewTask ToMessage(this ReviewTask task) => new()
    {
        ReleaseId = task.ReleaseId,
        ReleaseDate = task.ReleaseDate.ToMessage(),
        Variant = task.Variant.ToMessage(),
        Source = task.Source?.ToMessage(),
        Published = task.Published?.ToMessage(),
    };

    public static V1.VariantState ToMessage(this VariantState state) => state switch
    {
        VariantState.Draft => V1.VariantState.Draft,
        VariantState.InReview => V1.VariantState.InReview,
        VariantState.Approved => V1.VariantState.Approved,
        VariantState.Published => V1.VariantState.Published,
        VariantState.Rejected => V1.VariantState.Rejected,
        _ => V1.VariantState.Unspecified,
    };

    private static VariantState ToDomain(this V1.VariantState state) => state switch
    {
        V1.VariantState.InReview => VariantState.InReview,
        V1.VariantState.Approved => VariantState.Approved,
        V1.VariantState.Published => VariantState.Published,
        V1.VariantState.Rejected => VariantState.Rejected,
        _ => VariantState.Draft,
    };

    /// <summary>The inverse of <see cref="ToMessage(Release)"/>, for messages this service wrote itself (e.g. cache entries).</summary>
    public static Release ToDomain(this V1.Release message) => new(
        message.Id,
        message.Slug.Length == 0 ? null : message.Slug,
        new DateOnly(message.ReleaseDate.Year, message.ReleaseDate.Month, message.ReleaseDate.Day),
        message.Category,
        message.Tags.ToArray(),
        message.SourceLanguage,
        message.Variants.Select(v => new Variant(v.Language, v.Title, v.Lead, v.Body, v.Revision, v.SourceRevision, v.Author,
            v.UpdateTime.ToDateTimeOffset(), v.State.ToDomain(), v.Outdated, v.Comment, Actor: v.Actor)).ToArray(),
        message.Revision,
        message.CreateTime.ToDateTimeOffset(),
        message.UpdateTime.ToDateTimeOffset());

    public static Date ToMessage(this DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    /// <summary>A full calendar date; null when unset (absent or all zero). Partial or impossible dates are violations.</summary>
    public static DateOnly? ReadDate(Date? date, string field, Violations violations)
    {
        if (date is null || date is { Year: 0, Month: 0, Day: 0 })
        {
            return null;
        }
        if (date.Year is < 1 or > 9999 || date.Month is < 1 or > 12 || date.Day < 1
            || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            violations.Add(field, $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2} is not a calendar date; give year, month and day");
            return null;
        }
        return new DateOnly(date.Year, date.Month, date.Day);
    }

    /// <summary>A release id the server could have assigned; anything else is a violation.</summary>
    public static string ReadId(string? id, string field, Violations violations)
    {
        if (string.IsNullOrEmpty(id))
        {
            violations.Add(field, "is required");
        }
        else if (!ReleaseId.IsWellFormed(id))
        {
            violations.Add(field, "is not a release id (32 lower-case hex digits)");
        }
        return id ?? "";
    }
}
