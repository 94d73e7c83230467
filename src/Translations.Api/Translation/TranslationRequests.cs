using Translations.Languages;
using Translations.Releases;
using Translations.V1;
using Translations.Validation;

namespace Translations.Translation;

/// <summary>Reads the requests of TranslationService into domain commands, naming every bad field.</summary>
public sealed class TranslationRequests(ContentRules rules, LanguageSettings languages)
{
    public (VariantSubmission Submission, string RequestId) ReadSubmit(SubmitVariantRequest request)
    {
        var violations = new Violations();
        var releaseId = ReleaseMessages.ReadId(request.ReleaseId, "release_id", violations);
        var language = languages.Check(request.Language, "language", violations);
        var text = new VariantText(
            rules.Title(request.Title, "title", violations),
            rules.Lead(request.Lead, "lead", violations),
            rules.Body(request.Body, "body", violations));
        if (request.SourceRevision < 0)
        {
            violations.Add("source_revision", "must be 0 (the current source revision) or positive");
        }
        if (request.ExpectedRevision < 0)
        {
            violations.Add("expected_revision", "must be 0 (a new variant) or the variant's current revision");
        }
        var requestId = ContentRules.RequestId(request.RequestId, "request_id", violations);
        violations.ThrowIfAny();
        return (new VariantSubmission(releaseId, language, text, request.SourceRevision, request.ExpectedRevision, request.SubmitForReview, request.Minor), requestId);
    }

    public VariantToReview ReadSendToReview(SendVariantToReviewRequest request)
    {
        var violations = new Violations();
        var releaseId = ReleaseMessages.ReadId(request.ReleaseId, "release_id", violations);
        var language = languages.Check(request.Language, "language", violations);
        if (request.ExpectedRevision <= 0)
        {
            violations.Add("expected_revision", "is required: the variant's current revision, the one to send to review");
        }
        violations.ThrowIfAny();
        return new VariantToReview(releaseId, language, request.ExpectedRevision);
    }

    public string ReadListTasks(ListTranslationTasksRequest request)
    {
        var violations = new Violations();
        var language = languages.Check(request.TargetLanguage, "target_language", violations);
        violations.ThrowIfAny();
        return language;
    }

    public (string ReleaseId, string Language) ReadListRevisions(ListVariantRevisionsRequest request)
    {
        var violations = new Violations();
        var releaseId = ReleaseMessages.ReadId(request.ReleaseId, "release_id", violations);
        var language = languages.Check(request.Language, "language", violations);
        violations.ThrowIfAny();
        return (releaseId, language);
    }
}
