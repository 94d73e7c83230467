using System.Security.Cryptography;
using System.Text;
using Translations.Client;
using Translations.Interchange.Archive;
using Translations.V1;
using Date = Google.Type.Date;

namespace Translations.Cli.Import;

/// <summary>
/// What importing an archive file means against what the service holds: for the source language, a new
/// release per item not there yet; with <c>--pair</c>, the item's language variant of the release at the
/// same date and position. Matching is by content, so a second run finds everything unchanged; request ids
/// derive from the content too, so a retried or concurrent import never writes an item twice.
/// </summary>
internal static class ArchivePlan
{
    /// <summary>The tag of releases whose text carried a video marker.</summary>
    public const string VideoTag = "video";

    /// <summary>
    /// The releases dated within the items' dates, in the draft view, by date, in the order they were created
    /// (create_time, then id): the order an import of the source file created them in, one item after the other.
    /// </summary>
    public static async Task<Dictionary<DateOnly, List<Release>>> ExistingAsync(TranslationsClient client, IReadOnlyList<ArchiveItem> items, CancellationToken cancellationToken)
    {
        var request = new QueryReleasesRequest
        {
            View = ReleaseView.Draft,
            Order = ReleaseOrder.ReleaseDateAscending,
            Filter = new ReleaseFilter { ReleaseDateFrom = ToDate(items.Min(i => i.ReleaseDate)), ReleaseDateTo = ToDate(items.Max(i => i.ReleaseDate)) },
        };
        var existing = new Dictionary<DateOnly, List<Release>>();
        await foreach (var release in client.QueryReleasesAsync(request, cancellationToken))
        {
            var date = new DateOnly(release.ReleaseDate.Year, release.ReleaseDate.Month, release.ReleaseDate.Day);
            (existing.TryGetValue(date, out var onDate) ? onDate : existing[date] = []).Add(release);
        }
        foreach (var onDate in existing.Values)
        {
            onDate.Sort((a, b) => a.CreateTime.CompareTo(b.CreateTime) is var byTime and not 0 ? byTime : string.CompareOrdinal(a.Id, b.Id));
        }
        return existing;
    }

    /// <summary>The release an item of the source language would create, or the one already holding the same text.</summary>
    public static CreateReleaseRequest Create(ArchiveItem item, string language, int maxTitleLength, bool submitForReview)
    {
        var title = item.TitleOrFirstSentence(maxTitleLength);
        var release = new Release
        {
            ReleaseDate = ToDate(item.ReleaseDate),
            SourceLanguage = language,
            Variants = { new Variant { Language = language, Title = title, Body = item.Body } },
        };
        if (item.HasVideo)
        {
            release.Tags.Add(VideoTag);
        }
        return new CreateReleaseRequest
        {
            RequestId = RequestId("archive", language, item.ReleaseDate.ToString("O"), title, item.Body, item.HasVideo ? VideoTag : ""),
            Release = release,
            SubmitForReview = submitForReview,
        };
    }

    public static Release? Holding(List<Release>? onDate, CreateReleaseRequest create)
    {
        var wanted = create.Release.Variants[0];
        return onDate?.FirstOrDefault(r => r.SourceLanguage == wanted.Language
            && r.Variants.Any(v => v.Language == wanted.Language && v.Title == wanted.Title && v.Body == wanted.Body));
    }

    /// <summary>The variant an item of a paired file adds to <paramref name="release"/>.</summary>
    public static SubmitVariantRequest Add(ArchiveItem item, Release release, string language, int maxTitleLength, bool submitForReview)
    {
        var title = item.TitleOrFirstSentence(maxTitleLength);
        var source = release.Variants.Single(v => v.Language == release.SourceLanguage);
        return new SubmitVariantRequest
        {
            ReleaseId = release.Id,
            Language = language,
            Title = title,
            Body = item.Body,
            SourceRevision = source.Revision,
            ExpectedRevision = release.Variants.FirstOrDefault(v => v.Language == language)?.Revision ?? 0,
            RequestId = RequestId("archive-pair", release.Id, language, title, item.Body),
            SubmitForReview = submitForReview,
        };
    }

    public static bool Holds(Release release, SubmitVariantRequest add) =>
        release.Variants.Any(v => v.Language == add.Language && v.Title == add.Title && v.Body == add.Body);

    /// <summary>"archive-" and 40 hex digits of the SHA-256 of the parts: the same content, the same request id.</summary>
    private static string RequestId(string kind, params string[] parts) =>
        $"{kind}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001F', parts))))[..40]}";

    public static Date ToDate(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };
}
