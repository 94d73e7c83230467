namespace Translations.Workbench.Components;

/// <summary>Where to go back to after signing in or switching the language: only to a page of this site.</summary>
public static class ReturnUrls
{
    /// <summary>
    /// The path when it is local, else <c>/</c>. As ASP.NET Core's own check (which <c>Results.LocalRedirect</c>
    /// applies, throwing): browsers drop tabs and line breaks, so <c>/\t/evil.example</c> is <c>//evil.example</c>.
    /// </summary>
    public static string OrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl)
            ? url
            : "/";
}
