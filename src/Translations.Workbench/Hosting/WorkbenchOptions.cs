namespace Translations.Workbench.Hosting;

/// <summary>
/// The workbench's own settings (<c>Workbench__ServiceAddress</c>, <c>Workbench__ClientId</c>, …). How
/// users sign in is read from the service's own names (<see cref="SignIn.SignInOptions"/>, <c>Auth__*</c>).
/// </summary>
public sealed class WorkbenchOptions
{
    public const string Section = "Workbench";

    /// <summary>The Translations service's gRPC address, e.g. <c>http://127.0.0.1:5080</c> (h2c).</summary>
    public string? ServiceAddress { get; set; }

    /// <summary>The workbench's client id at the OpenID Connect authority (<c>Auth__Authority</c>).</summary>
    public string? ClientId { get; set; }

    /// <summary>Optional: the client's secret, for an authority that treats the workbench as a confidential client.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Optional: more scopes to ask the authority for, space-separated (besides <c>openid profile</c>), e.g.
    /// the one that makes it issue access tokens for the service's audience.
    /// </summary>
    public string? Scope { get; set; }
}
