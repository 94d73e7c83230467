namespace Translations.Workbench.Components;

/// <summary>Where to go back to after signing in or switching the language: only to a page of this site.</summary>
public static class ReturnUrls
{
    public static string OrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
