using System.ComponentModel.DataAnnotations;

namespace Translations.Validation;

/// <summary>Limits on what a release may hold, in characters (Unicode scalar values) after normalisation.</summary>
public sealed class ContentLimits
{
    public const string Section = "Content";

    [Range(1, 100_000)] public int MaxTitleLength { get; set; } = 300;
    [Range(0, 1_000_000)] public int MaxLeadLength { get; set; } = 2_000;
    [Range(1, 10_000_000)] public int MaxBodyLength { get; set; } = 200_000;
    [Range(0, 1_000)] public int MaxTags { get; set; } = 20;
    [Range(1, 1_000)] public int MaxTagLength { get; set; } = 64;
}
