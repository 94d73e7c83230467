namespace Translations.Access;

/// <summary>What a call may need. Each right is granted by roles (<see cref="Roles"/>).</summary>
public enum Right
{
    /// <summary>Every read RPC, in the published view.</summary>
    ReadReleases,

    /// <summary>The draft view and the revision history: the texts before they are published.</summary>
    ReadDrafts,

    /// <summary>Writing translation variants; a translator only in its own languages.</summary>
    WriteVariants,

    /// <summary>Writing a release's source variant.</summary>
    WriteSourceVariants,

    /// <summary>Creating, changing and deleting releases.</summary>
    EditReleases,

    /// <summary>Operational RPCs; anything not granted more widely.</summary>
    Operate,
}

/// <summary>The roles a token's <c>role</c> claims name, and the rights each grants.</summary>
public static class Roles
{
    public const string Reader = "reader";
    public const string Translator = "translator";
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Reader, Translator, Editor, Admin];

    private static readonly string[] Everyone = [Reader, Translator, Editor, Admin];
    private static readonly string[] Translators = [Translator, Editor, Admin];
    private static readonly string[] Editors = [Editor, Admin];
    private static readonly string[] Admins = [Admin];

    public static IReadOnlyList<string> Granting(Right right) => right switch
    {
        Right.ReadReleases => Everyone,
        Right.ReadDrafts or Right.WriteVariants => Translators,
        Right.WriteSourceVariants or Right.EditReleases => Editors,
        _ => Admins,
    };

    /// <summary>The name a denial reports: <c>releases.read</c>, <c>variants.write</c>, ...</summary>
    public static string NameOf(Right right) => right switch
    {
        Right.ReadReleases => "releases.read",
        Right.ReadDrafts => "releases.read_drafts",
        Right.WriteVariants => "variants.write",
        Right.WriteSourceVariants => "variants.write_source",
        Right.EditReleases => "releases.edit",
        _ => "operations",
    };
}
