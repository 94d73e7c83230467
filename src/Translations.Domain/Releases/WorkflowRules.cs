using Translations.Access;

namespace Translations.Releases;

/// <summary>
/// The workflow of each variant, the source included:
/// Draft -> InReview (submitted for review) -> Approved or Rejected (an editor's review) -> Published
/// (an editor publishes, language by language); a new submission starts again at Draft or InReview
/// while the published revision stays visible to readers until the next publication. Unpublishing
/// takes one language down. A state change is a new revision with the same text.
/// </summary>
public static class WorkflowRules
{
    public static Variant Review(Release release, VariantReview review, Caller caller, DateTimeOffset now)
    {
        var current = release.FindVariant(review.Language)
            ?? throw new ReleaseNotFoundException($"The {review.Language} variant of release {release.Id}");
        Revisions.Ensure($"The {review.Language} variant of release {release.Id}", review.ExpectedRevision, current.Revision);
        if (current.State != VariantState.InReview)
        {
            throw new WorkflowException(review.Language, current.State,
                $"Only a variant in review can be approved or rejected; the {review.Language} variant is {Describe(current.State)}.");
        }
        return current.WithState(review.Approve ? VariantState.Approved : VariantState.Rejected, caller.Id, review.Comment, now);
    }

    /// <summary>
    /// A draft or rejected variant goes to review as it is: the same text, a new revision. Who may
    /// write the variant may send it (<see cref="Caller.EnsureMayWriteVariant"/>).
    /// </summary>
    public static Variant SendToReview(Release release, VariantToReview request, Caller caller, DateTimeOffset now)
    {
        caller.EnsureMayWriteVariant(request.Language, release.SourceLanguage);
        var current = release.FindVariant(request.Language)
            ?? throw new ReleaseNotFoundException($"The {request.Language} variant of release {release.Id}");
        Revisions.Ensure($"The {request.Language} variant of release {release.Id}", request.ExpectedRevision, current.Revision);
        if (current.State is not (VariantState.Draft or VariantState.Rejected))
        {
            throw new WorkflowException(request.Language, current.State,
                $"Only a draft or a rejected variant can be sent to review; the {request.Language} variant is {Describe(current.State)}.");
        }
        return current.WithState(VariantState.InReview, caller.Id, "", now);
    }

    /// <summary>
    /// All named languages or none: each must be approved, or already published at its current revision
    /// (left as it is). Returns the new published revisions; other languages are untouched.
    /// </summary>
    public static IReadOnlyList<Variant> Publish(Release release, IReadOnlyList<string> languages, Caller caller, DateTimeOffset now)
    {
        var problems = new List<(string Language, VariantState? State, string Description)>();
        var published = new List<Variant>();
        foreach (var language in languages)
        {
            var current = release.FindVariant(language);
            if (current is null)
            {
                problems.Add((language, null, $"there is no {language} variant"));
            }
            else if (current.State == VariantState.Approved)
            {
                published.Add(current.WithState(VariantState.Published, caller.Id, "", now));
            }
            else if (current.State != VariantState.Published)
            {
                problems.Add((language, current.State, $"the {language} variant is {Describe(current.State)}"));
            }
        }
        return problems.Count == 0
            ? published
            : throw new WorkflowException($"Only approved variants can be published, and nothing was published: {string.Join("; ", problems.Select(p => p.Description))}.", problems);
    }

    /// <summary>The variant's next revision when its current revision is the published one (back to Approved); otherwise null.</summary>
    public static Variant? Unpublish(Release release, string language, bool isPublished, Caller caller, DateTimeOffset now)
    {
        var current = release.FindVariant(language);
        if (current is null || !isPublished)
        {
            throw new WorkflowException(language, current?.State, $"The {language} variant of release {release.Id} is not published.");
        }
        return current.State == VariantState.Published ? current.WithState(VariantState.Approved, caller.Id, "", now) : null;
    }

    public static string Describe(VariantState state) => state switch
    {
        VariantState.InReview => "in review",
        _ => state.ToString().ToLowerInvariant(),
    };
}

/// <summary>A workflow step the variant's state does not allow (FAILED_PRECONDITION), per language.</summary>
public sealed class WorkflowException : ReleaseException
{
    public WorkflowException(string language, VariantState? state, string message)
        : base(message)
    {
        Violations = [(language, state, message)];
    }

    public WorkflowException(string message, IReadOnlyList<(string Language, VariantState? State, string Description)> violations)
        : base(message)
    {
        Violations = violations;
    }

    public IReadOnlyList<(string Language, VariantState? State, string Description)> Violations { get; }
}
