using Google.Protobuf.WellKnownTypes;
using Translations.Access;
using Translations.Languages;
using Translations.Releases;
using Translations.Validation;

namespace Translations.Backup;

/// <summary>
/// Reads a backup to restore into the domain's <see cref="ReleaseBackup"/>, naming every bad field: the
/// same content rules as any write, and a history that hangs together (revisions rising, the last one the
/// current one, the published one among them), so that what is restored is a release the service could have made.
/// </summary>
public sealed class BackupRequests(ContentRules rules, LanguageSettings languages)
{
    public ReleaseBackup ReadRestore(V1.ReleaseBackup? backup, string field)
    {
        var violations = new Violations();
        if (backup?.Release is not { } release)
        {
            violations.Add($"{field}.release", "is required");
            violations.ThrowIfAny();
            throw new InvalidOperationException("unreachable");
        }
        var at = $"{field}.release";
        var id = ReleaseMessages.ReadId(release.Id, $"{at}.id", violations);
        var slug = ContentRules.Slug(release.Slug, $"{at}.slug", violations);
        var date = ReleaseMessages.ReadDate(release.ReleaseDate, $"{at}.release_date", violations);
        if (date is null && release.ReleaseDate is null)
        {
            violations.Add($"{at}.release_date", "is required");
        }
        var category = ContentRules.Category(release.Category, $"{at}.category", violations);
        var tags = rules.Tags(release.Tags, $"{at}.tags", violations);
        var sourceLanguage = languages.Check(release.SourceLanguage, $"{at}.source_language", violations);
        Positive(release.Revision, $"{at}.revision", violations);
        var createTime = Time(release.CreateTime, $"{at}.create_time", violations);
        var updateTime = Time(release.UpdateTime, $"{at}.update_time", violations);
        if (release.Variants.Count > 0)
        {
            violations.Add($"{at}.variants", $"must be empty; the variants go in {field}.variants");
        }

        var current = new List<Variant>();
        var published = new List<Variant>();
        var revisions = new List<Variant>();
        for (var i = 0; i < backup.Variants.Count; i++)
        {
            ReadVariant(backup.Variants[i], $"{field}.variants[{i}]", current, published, revisions, violations);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < current.Count; i++)
        {
            if (!seen.Add(current[i].Language))
            {
                violations.Add($"{field}.variants[{i}].current.language", $"'{current[i].Language}' is given twice");
            }
        }
        if (sourceLanguage.Length > 0 && backup.Variants.Count > 0 && !seen.Contains(sourceLanguage) && !violations.Any)
        {
            violations.Add($"{field}.variants", $"must hold the source variant ('{sourceLanguage}')");
        }
        if (backup.Variants.Count == 0)
        {
            violations.Add($"{field}.variants", "must hold at least the source variant");
        }
        violations.ThrowIfAny();
        return new ReleaseBackup(
            new Release(id, slug, date!.Value, category, tags, sourceLanguage,
                current.OrderBy(v => v.Language == sourceLanguage ? 0 : 1).ThenBy(v => v.Language, StringComparer.Ordinal).ToArray(),
                release.Revision, createTime, updateTime),
            published, revisions);
    }

    private void ReadVariant(V1.VariantBackup variant, string at, List<Variant> current, List<Variant> published, List<Variant> revisions, Violations violations)
    {
        if (variant.Current is null)
        {
            violations.Add($"{at}.current", "is required");
            return;
        }
        var language = languages.Check(variant.Current.Language, $"{at}.current.language", violations);
        var now = ReadRevision(variant.Current, language, $"{at}.current", violations);
        if (now is null)
        {
            return;
        }
        current.Add(now with { Outdated = variant.Current.Outdated, ContentRevision = ContentRevision(variant.ContentRevision, now.Revision, $"{at}.content_revision", violations) });

        if (variant.Revisions.Count == 0)
        {
            violations.Add($"{at}.revisions", "must hold every stored revision, the current one last");
        }
        var history = new List<Variant>(variant.Revisions.Count);
        var previous = 0L;
        for (var r = 0; r < variant.Revisions.Count; r++)
        {
            if (ReadRevision(variant.Revisions[r], language, $"{at}.revisions[{r}]", violations) is not { } revision)
            {
                continue;
            }
            if (revision.Revision <= previous)
            {
                violations.Add($"{at}.revisions[{r}].revision", $"must be greater than the revision before it ({previous}): oldest first");
            }
            previous = revision.Revision;
            history.Add(revision);
        }
        if (history.Count > 0 && (history[^1].Revision != now.Revision || !history[^1].HasText(new VariantText(now.Title, now.Lead, now.Body)) || history[^1].State != now.State))
        {
            violations.Add($"{at}.current", $"must be the last of {at}.revisions (revision {history[^1].Revision})");
        }
        revisions.AddRange(history);

        if (variant.Published is { } publishedMessage)
        {
            if (ReadRevision(publishedMessage, language, $"{at}.published", violations) is { } publication)
            {
                if (publication.Revision > now.Revision)
                {
                    violations.Add($"{at}.published.revision", $"must not be after the current revision {now.Revision}");
                }
                published.Add(publication with
                {
                    State = VariantState.Published,
                    ContentRevision = ContentRevision(variant.PublishedContentRevision, publication.Revision, $"{at}.published_content_revision", violations),
                });
            }
        }
        else if (variant.PublishedContentRevision != 0)
        {
            violations.Add($"{at}.published_content_revision", "must be 0 when the variant is not published");
        }
    }

    /// <summary>One stored revision: the texts as any write checks them, and its own revision, author, actor, time and state.</summary>
    private Variant? ReadRevision(V1.Variant message, string language, string at, Violations violations)
    {
        if (language.Length > 0 && message.Language != language)
        {
            violations.Add($"{at}.language", $"must be '{language}', the language of the variant");
        }
        var title = rules.Title(message.Title, $"{at}.title", violations);
        var lead = rules.Lead(message.Lead, $"{at}.lead", violations);
        var body = rules.Body(message.Body, $"{at}.body", violations);
        var comment = rules.Comment(message.Comment, $"{at}.comment", required: false, violations);
        Positive(message.Revision, $"{at}.revision", violations);
        if (message.SourceRevision < 0)
        {
            violations.Add($"{at}.source_revision", "must not be negative");
        }
        Subject(message.Author, $"{at}.author", violations);
        Subject(message.Actor, $"{at}.actor", violations);
        var time = Time(message.UpdateTime, $"{at}.update_time", violations);
        var state = message.State switch
        {
            V1.VariantState.Draft => VariantState.Draft,
            V1.VariantState.InReview => VariantState.InReview,
            V1.VariantState.Approved => VariantState.Approved,
            V1.VariantState.Published => VariantState.Published,
            V1.VariantState.Rejected => VariantState.Rejected,
            _ => (VariantState?)null,
        };
        if (state is null)
        {
            violations.Add($"{at}.state", "must be one of DRAFT, IN_REVIEW, APPROVED, PUBLISHED, REJECTED");
        }
        return violations.Any ? null
            : new Variant(language, title, lead, body, message.Revision, message.SourceRevision, message.Author, time, state!.Value, Comment: comment, Actor: message.Actor);
    }

    private static long ContentRevision(long value, long revision, string field, Violations violations)
    {
        if (value < 0 || value > revision)
        {
            violations.Add(field, $"must be between 1 and the revision {revision} (0 means the revision itself)");
        }
        return value;
    }

    private static void Positive(long value, string field, Violations violations)
    {
        if (value < 1)
        {
            violations.Add(field, "must be 1 or more");
        }
    }

    private static void Subject(string value, string field, Violations violations)
    {
        if (Caller.ProblemWithId(value) is { } problem)
        {
            violations.Add(field, problem);
        }
    }

    private static DateTimeOffset Time(Timestamp? time, string field, Violations violations)
    {
        if (time is null)
        {
            violations.Add(field, "is required");
            return default;
        }
        if (time.Seconds < -62_135_596_800 || time.Seconds > 253_402_300_799 || time.Nanos is < 0 or > 999_999_999)
        {
            violations.Add(field, "is not a valid time");
            return default;
        }
        return time.ToDateTimeOffset();
    }
}
