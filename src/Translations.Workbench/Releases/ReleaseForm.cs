using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Translations.V1;
using Translations.Workbench.Components;
using Date = Google.Type.Date;

namespace Translations.Workbench.Releases;

/// <summary>
/// The release form (<c>/releases/new</c>, <c>/releases/{id}</c>): a release's metadata and its source text as
/// typed, and the requests they make. A new release is one CreateRelease. An existing one is measured
/// against <see cref="Base"/>, the release as the form was filled from it: UpdateRelease names in its
/// update_mask only the metadata fields that differ, SubmitVariant of the source language is sent only when
/// its text differs, and each expects the revision it was based on, so someone else's change meanwhile is
/// a conflict rather than lost.
/// </summary>
public sealed class ReleaseForm
{
    /// <summary>How a date input gives and takes its value.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>
    /// Where the service's field violations go: the proto paths of CreateRelease, UpdateRelease and
    /// SubmitVariant, each with the form field that shows it.
    /// </summary>
    public static readonly IReadOnlyList<(string Path, string Field)> Fields =
    [
        ("release.slug", nameof(Slug)),
        ("release.release_date", nameof(ReleaseDate)),
        ("release.category", nameof(Category)),
        ("release.tags", nameof(Tags)),
        ("release.source_language", nameof(SourceLanguage)),
        ("release.variants[0].language", nameof(SourceLanguage)),
        ("release.variants[0].title", nameof(Title)),
        ("release.variants[0].lead", nameof(Lead)),
        ("release.variants[0].body", nameof(Body)),
        ("title", nameof(Title)),
        ("lead", nameof(Lead)),
        ("body", nameof(Body)),
    ];

    public string Slug { get; set; } = "";

    /// <summary>As a date input gives it: <see cref="DateFormat"/>.</summary>
    public string ReleaseDate { get; set; } = "";

    public string Category { get; set; } = "";

    /// <summary>Comma-separated.</summary>
    public string Tags { get; set; } = "";

    /// <summary>Chosen for a new release only: fixed once it exists.</summary>
    public string SourceLanguage { get; set; } = "";

    public string Title { get; set; } = "";

    public string Lead { get; set; } = "";

    /// <summary>Paragraphs separated by a blank line.</summary>
    public string Body { get; set; } = "";

    /// <summary>The new source text goes to review at once instead of staying a draft.</summary>
    public bool SubmitForReview { get; set; }

    /// <summary>A source correction that does not make the translations outdated (SubmitVariant's <c>minor</c>).</summary>
    public bool Minor { get; set; }

    /// <summary>
    /// A new release's CreateRelease request_id, one per form: a create sent twice (a double click, a retry
    /// after a lost reply) makes one release, and the next new-release form makes another.
    /// </summary>
    public string RequestId { get; private init; } = "";

    /// <summary>The release as the form was filled from it (or adopted since); null for a new release.</summary>
    public Release? Base { get; private set; }

    public bool IsNew => Base is null;

    /// <summary>An empty form for a new release dated <paramref name="today"/>, its source text sent to review at once.</summary>
    public static ReleaseForm New(DateOnly today, string sourceLanguage) => new()
    {
        ReleaseDate = today.ToString(DateFormat, CultureInfo.InvariantCulture),
        SourceLanguage = sourceLanguage,
        SubmitForReview = true,
        RequestId = Guid.NewGuid().ToString("N"),
    };

    public static ReleaseForm Of(Release release)
    {
        var form = new ReleaseForm();
        form.Fill(release);
        return form;
    }

    /// <summary>Whether anything typed differs from <see cref="Base"/> (for a new release: whether anything is typed).</summary>
    public bool HasChanges => Base is null
        ? Slug.Length + Category.Length + Tags.Length + Title.Length + Lead.Length + Body.Length > 0
        : !SameMetadata(Base) || !SameSourceText(ReleaseVariants.SourceOf(Base));

    /// <summary>The CreateRelease request; null when the form itself finds a problem (added to <paramref name="problems"/>).</summary>
    public CreateReleaseRequest? ToCreateRequest(ReleaseText text, FieldProblems problems)
    {
        var date = ReadDate(text, problems, required: false);
        var language = SourceLanguage.Trim();
        if (language.Length == 0)
        {
            problems.Add(nameof(SourceLanguage), text.SourceLanguageRequired);
        }
        if (problems.Any)
        {
            return null;
        }
        var release = new Release
        {
            Slug = Slug.Trim(),
            ReleaseDate = date,
            Category = Category.Trim(),
            Tags = { TagList(Tags) },
            SourceLanguage = language,
            Variants = { new Variant { Language = language, Title = Normalize(Title), Lead = Normalize(Lead), Body = Normalize(Body) } },
        };
        return new CreateReleaseRequest { RequestId = RequestId, Release = release, SubmitForReview = SubmitForReview };
    }

    /// <summary>
    /// The UpdateRelease request naming in its update_mask only the metadata fields that differ from
    /// <see cref="Base"/>, expecting its revision; null when none differs or the form finds a problem.
    /// </summary>
    public UpdateReleaseRequest? ToUpdateRequest(ReleaseText text, FieldProblems problems)
    {
        var based = Base ?? throw new InvalidOperationException("A new release is created, not updated.");
        var date = ReadDate(text, problems, required: true);
        if (problems.Any)
        {
            return null;
        }
        var release = new Release { Id = based.Id };
        var mask = new FieldMask();
        if (Slug.Trim() != based.Slug)
        {
            mask.Paths.Add("slug");
            release.Slug = Slug.Trim();
        }
        if (!Equals(date, based.ReleaseDate))
        {
            mask.Paths.Add("release_date");
            release.ReleaseDate = date;
        }
        if (Category.Trim() != based.Category)
        {
            mask.Paths.Add("category");
            release.Category = Category.Trim();
        }
        var tags = TagList(Tags);
        if (!tags.SequenceEqual(based.Tags, StringComparer.Ordinal))
        {
            mask.Paths.Add("tags");
            release.Tags.Add(tags);
        }
        return mask.Paths.Count == 0 ? null : new UpdateReleaseRequest { Release = release, UpdateMask = mask, ExpectedRevision = based.Revision };
    }

    /// <summary>The SubmitVariant request of the source text when it differs from <see cref="Base"/>'s, expecting that variant's revision; else null.</summary>
    public SubmitVariantRequest? ToSourceSubmission()
    {
        var based = Base ?? throw new InvalidOperationException("A new release's source text goes with CreateRelease.");
        var source = ReleaseVariants.SourceOf(based);
        return SameSourceText(source) ? null : new SubmitVariantRequest
        {
            ReleaseId = based.Id,
            Language = based.SourceLanguage,
            Title = Normalize(Title),
            Lead = Normalize(Lead),
            Body = Normalize(Body),
            ExpectedRevision = source?.Revision ?? 0,
            SubmitForReview = SubmitForReview,
            Minor = Minor,
        };
    }

    /// <summary>
    /// A newer version of the release arrived (a change event, or the answer to a conflict). A form with nothing
    /// typed is filled from it; a form whose <see cref="Base"/> has the same metadata and source text takes it as
    /// its base and keeps what is typed (the change was elsewhere: a translation, a review); otherwise the form
    /// stays on its base and is <see cref="RebaseOutcome.Stale"/>: saving it would be a conflict.
    /// </summary>
    public RebaseOutcome Rebase(Release newest)
    {
        if (Base is null || newest.Revision <= Base.Revision)
        {
            return RebaseOutcome.Unchanged;
        }
        if (!HasChanges)
        {
            Fill(newest);
            return RebaseOutcome.Reloaded;
        }
        if (SameMetadata(Base, newest) && SameText(ReleaseVariants.SourceOf(Base), ReleaseVariants.SourceOf(newest)))
        {
            Base = newest.Clone();
            return RebaseOutcome.Adopted;
        }
        return RebaseOutcome.Stale;
    }

    /// <summary>"Save mine anyway": <paramref name="newest"/> becomes the base, what is typed stays and is saved over it.</summary>
    public void Overwrite(Release newest) => Base = newest.Clone();

    /// <summary>"Load their version": the form is filled from <paramref name="newest"/>, what was typed is dropped.</summary>
    public void Reload(Release newest) => Fill(newest);

    /// <summary>The tags as the service takes them: split at commas, trimmed, empty ones and repeats dropped.</summary>
    public static IReadOnlyList<string> TagList(string tags) =>
        [.. tags.Split(',').Select(Normalize).Where(tag => tag.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>A text as the service stores it: NFC, line breaks as \n, trimmed.</summary>
    public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Normalize(NormalizationForm.FormC).Trim();

    private void Fill(Release release)
    {
        Base = release.Clone();
        Slug = release.Slug;
        ReleaseDate = Dates.Format(release.ReleaseDate);
        Category = release.Category;
        Tags = string.Join(", ", release.Tags);
        SourceLanguage = release.SourceLanguage;
        var source = ReleaseVariants.SourceOf(release);
        Title = source?.Title ?? "";
        Lead = source?.Lead ?? "";
        Body = source?.Body ?? "";
        SubmitForReview = false;
        Minor = false;
    }

    private Date? ReadDate(ReleaseText text, FieldProblems problems, bool required)
    {
        var typed = ReleaseDate.Trim();
        if (typed.Length == 0)
        {
            if (required)
            {
                problems.Add(nameof(ReleaseDate), text.DateRequired);
            }
            return null;
        }
        if (!DateOnly.TryParseExact(typed, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problems.Add(nameof(ReleaseDate), text.DateInvalid);
            return null;
        }
        return new Date { Year = date.Year, Month = date.Month, Day = date.Day };
    }

    private bool SameMetadata(Release release) =>
        Slug.Trim() == release.Slug && ReleaseDate.Trim() == Dates.Format(release.ReleaseDate) && Category.Trim() == release.Category
        && TagList(Tags).SequenceEqual(release.Tags, StringComparer.Ordinal);

    private bool SameSourceText(Variant? source) =>
        source is not null && Normalize(Title) == source.Title && Normalize(Lead) == source.Lead && Normalize(Body) == source.Body;

    private static bool SameMetadata(Release one, Release other) =>
        one.Slug == other.Slug && Equals(one.ReleaseDate, other.ReleaseDate) && one.Category == other.Category && one.Tags.SequenceEqual(other.Tags, StringComparer.Ordinal);

    private static bool SameText(Variant? one, Variant? other) =>
        one is null ? other is null : other is not null && one.Title == other.Title && one.Lead == other.Lead && one.Body == other.Body;
}

/// <summary>What <see cref="ReleaseForm.Rebase"/> did with a newer version of the release.</summary>
public enum RebaseOutcome
{
    /// <summary>It was not newer than the form's base.</summary>
    Unchanged,

    /// <summary>Nothing was typed: the form now shows the newer version.</summary>
    Reloaded,

    /// <summary>It changed nothing the form shows: it is the form's base now, and what is typed stays.</summary>
    Adopted,

    /// <summary>It changed what the form shows while something is typed: saving would be a conflict.</summary>
    Stale,
}
