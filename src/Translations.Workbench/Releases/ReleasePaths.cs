namespace Translations.Workbench.Releases;

/// <summary>The addresses of the editors' pages, relative to the app's base (<c>&lt;base href="/"&gt;</c>).</summary>
public static class ReleasePaths
{
    public const string List = "releases";

    public const string New = "releases/new";

    public const string ReviewQueue = "review";

    /// <summary>The list's page that continues after <paramref name="cursor"/>.</summary>
    public static string ListAfter(string cursor) => $"{List}?after={Uri.EscapeDataString(cursor)}";

    public static string Release(string id) => $"{List}/{Uri.EscapeDataString(id)}";

    public static string Review(string releaseId, string language) => $"{ReviewQueue}/{Uri.EscapeDataString(releaseId)}/{Uri.EscapeDataString(language)}";
}
