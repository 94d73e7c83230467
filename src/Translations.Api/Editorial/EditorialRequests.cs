using Translations.Languages;
using Translations.Releases;
using Translations.V1;
using Translations.Validation;

namespace Translations.Editorial;

/// <summary>Reads the requests of EditorialService into domain commands, naming every bad field.</summary>
public sealed class EditorialRequests(ContentRules rules, LanguageSettings languages, TimeProvider time)
{
    public (NewRelease Release, string RequestId) ReadCreate(CreateReleaseRequest request)
    {
        var violations = new Violations();
        var requestId = ContentRules.RequestId(request.RequestId, "request_id", violations);
        var release = request.Release;
        if (release is null)
        {
            violations.Add("release", "is required");
            violations.ThrowIfAny();
        }
        var slug = ContentRules.Slug(release!.Slug, "release.slug", violations);
        var date = ReleaseMessages.ReadDate(release.ReleaseDate, "release.release_date", violations) ?? Today();
        var category = ContentRules.Category(release.Category, "release.category", violations);
        var tags = rules.Tags(release.Tags, "release.tags", violations);

        string sourceLanguage = "";
        VariantText? text = null;
        if (release.Variants.Count != 1)
        {
            violations.Add("release.variants", $"must hold exactly the source variant, got {release.Variants.Count} variants");
        }
        else
        {
            var source = release.Variants[0];
            var variantLanguage = languages.Check(source.Language, "release.variants[0].language", violations, optional: release.SourceLanguage.Length > 0);
            sourceLanguage = release.SourceLanguage.Length > 0
                ? languages.Check(release.SourceLanguage, "release.source_language", violations)
                : variantLanguage;
            if (variantLanguage.Length > 0 && sourceLanguage.Length > 0 && variantLanguage != sourceLanguage)
            {
                violations.Add("release.variants[0].language", $"must be the source language '{sourceLanguage}'");
            }
            text = new VariantText(
                rules.Title(source.Title, "release.variants[0].title", violations),
                rules.Lead(source.Lead, "release.variants[0].lead", violations),
                rules.Body(source.Body, "release.variants[0].body", violations));
        }
        violations.ThrowIfAny();
        return (new NewRelease(slug, date, category, tags, sourceLanguage, text!, request.SubmitForReview), requestId);
    }

    public ReleaseMetadataChange ReadUpdate(UpdateReleaseRequest request)
    {
        var violations = new Violations();
        var release = request.Release ?? new V1.Release();
        var id = ReleaseMessages.ReadId(release.Id, "release.id", violations);
        var fields = MetadataFields.None;
        if (request.UpdateMask is null || request.UpdateMask.Paths.Count == 0)
        {
            violations.Add("update_mask", "name the fields to change: slug, release_date, category, tags, or *");
        }
        else
        {
            foreach (var path in request.UpdateMask.Paths)
            {
                fields |= path switch
                {
                    "*" => MetadataFields.All,
                    "slug" => MetadataFields.Slug,
                    "release_date" => MetadataFields.ReleaseDate,
                    "category" => MetadataFields.Category,
                    "tags" => MetadataFields.Tags,
                    _ => Unknown(path, violations),
                };
            }
        }
        var slug = fields.HasFlag(MetadataFields.Slug) ? ContentRules.Slug(release.Slug, "release.slug", violations) : null;
        var date = default(DateOnly);
        if (fields.HasFlag(MetadataFields.ReleaseDate))
        {
            var read = ReleaseMessages.ReadDate(release.ReleaseDate, "release.release_date", violations);
            if (read is null && release.ReleaseDate is null or { Year: 0, Month: 0, Day: 0 })
            {
                violations.Add("release.release_date", "is required when named in update_mask");
            }
            date = read ?? default;
        }
        var category = fields.HasFlag(MetadataFields.Category) ? ContentRules.Category(release.Category, "release.category", violations) : "";
        var tags = fields.HasFlag(MetadataFields.Tags) ? rules.Tags(release.Tags, "release.tags", violations) : [];
        if (request.ExpectedRevision <= 0)
        {
            violations.Add("expected_revision", "is required: the release's current revision");
        }
        violations.ThrowIfAny();
        return new ReleaseMetadataChange(id, request.ExpectedRevision, fields, slug, date, category, tags);
    }

    public (string Id, long ExpectedRevision) ReadDelete(DeleteReleaseRequest request)
    {
        var violations = new Violations();
        var id = ReleaseMessages.ReadId(request.Id, "id", violations);
        if (request.ExpectedRevision <= 0)
        {
            violations.Add("expected_revision", "is required: the release's current revision");
        }
        violations.ThrowIfAny();
        return (id, request.ExpectedRevision);
    }

    /// <summary>The language of the review queue, or null for every language.</summary>
    public string? ReadListReviewTasks(ListReviewTasksRequest request)
    {
        var violations = new Violations();
        var language = languages.Check(request.Language, "language", violations, optional: true);
        violations.ThrowIfAny();
        return language.Length == 0 ? null : language;
    }

    public VariantReview ReadReview(ReviewVariantRequest request)
    {
        var violations = new Violations();
        var id = ReleaseMessages.ReadId(request.ReleaseId, "release_id", violations);
        var language = languages.Check(request.Language, "language", violations);
        if (request.ExpectedRevision <= 0)
        {
            violations.Add("expected_revision", "is required: the revision under review");
        }
        var approve = request.Decision switch
        {
            ReviewDecision.Approve => true,
            ReviewDecision.Reject => false,
            ReviewDecision.Unspecified => Missing(violations, "decision", "is required: APPROVE or REJECT"),
            _ => Missing(violations, "decision", $"{(int)request.Decision} is not a ReviewDecision value"),
        };
        var comment = rules.Comment(request.Comment, "comment", required: request.Decision == ReviewDecision.Reject, violations);
        violations.ThrowIfAny();
        return new VariantReview(id, language, request.ExpectedRevision, approve, comment);
    }

    public Publication ReadPublish(PublishReleaseRequest request)
    {
        var violations = new Violations();
        var id = ReleaseMessages.ReadId(request.Id, "id", violations);
        if (request.Languages.Count == 0)
        {
            violations.Add("languages", "name at least one language to publish");
        }
        for (var i = 0; i < request.Languages.Count; i++)
        {
            languages.Check(request.Languages[i], $"languages[{i}]", violations);
            if (request.Languages.Take(i).Contains(request.Languages[i]))
            {
                violations.Add($"languages[{i}]", "is named twice");
            }
        }
        DateTimeOffset? publishTime = null;
        if (request.PublishTime is { } at)
        {
            try
            {
                publishTime = at.ToDateTimeOffset();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                violations.Add("publish_time", "is not a valid timestamp");
            }
        }
        violations.ThrowIfAny();
        return new Publication(id, request.Languages.ToArray(), publishTime);
    }

    public (string Id, string Language) ReadUnpublish(UnpublishReleaseRequest request)
    {
        var violations = new Violations();
        var id = ReleaseMessages.ReadId(request.Id, "id", violations);
        var language = languages.Check(request.Language, "language", violations);
        violations.ThrowIfAny();
        return (id, language);
    }

    private static bool Missing(Violations violations, string field, string description)
    {
        violations.Add(field, description);
        return false;
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static MetadataFields Unknown(string path, Violations violations)
    {
        violations.Add("update_mask", $"'{path}' cannot be updated; use slug, release_date, category, tags, or *");
        return MetadataFields.None;
    }
}
