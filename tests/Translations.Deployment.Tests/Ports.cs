namespace Translations.Deployment.Tests;

internal static class Ports
{
    /// <summary>The port of a Kestrel URL such as <c>http://0.0.0.0:8080</c>.</summary>
    public static int Of(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !uri.IsDefaultPort
            ? uri.Port
            : throw new FormatException($"{url} is not a URL with a port.");
}
