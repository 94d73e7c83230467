using System.Xml.Linq;

namespace Translations.Interchange.Xliff;

/// <summary>The namespaces, elements and attributes of the XLIFF files this service writes and reads.</summary>
public static class XliffNames
{
    public static readonly XNamespace Core = "urn:oasis:names:tc:xliff:document:2.0";

    /// <summary>This service's own attributes on <c>&lt;file&gt;</c> and <c>&lt;unit&gt;</c> (XLIFF core allows other namespaces' attributes there).</summary>
    public static readonly XNamespace Own = "urn:translations:xliff:1";

    public const string TranslationsPrefix = "tr";

    public static readonly XName ReleaseAttribute = Own + "release";
    public static readonly XName SourceRevisionAttribute = Own + "sourceRevision";
    public static readonly XName TargetRevisionAttribute = Own + "targetRevision";
    public static readonly XName ReleaseDateAttribute = Own + "releaseDate";
    public static readonly XName ParagraphsAttribute = Own + "paragraphs";

    /// <summary>XLIFF 2.0's subType of a placeholder that stands for a line break (with type="fmt").</summary>
    public const string LineBreakSubType = "xlf:lb";

    public const string TitleUnit = "title";
    public const string LeadUnit = "lead";
    public const string BodyUnit = "body";
}
