using Translations.Workbench.SignIn;

namespace Translations.Workbench.Hosting;

/// <summary>
/// What the workbench cannot start with, each problem naming the setting as it is written
/// (<c>Workbench__ServiceAddress</c>) and saying what to write instead.
/// </summary>
public static class WorkbenchSettings
{
    public const string ServiceAddress = "Workbench__ServiceAddress";

    private const string ServiceExample = "the Translations service's gRPC address, e.g. http://127.0.0.1:5080";

    public static IReadOnlyList<string> Problems(WorkbenchOptions workbench, SignInOptions signIn, bool development)
    {
        List<string> problems = [];
        if (string.IsNullOrWhiteSpace(workbench.ServiceAddress))
        {
            problems.Add($"{ServiceAddress} is required: {ServiceExample}.");
        }
        else if (!IsHttpAddress(workbench.ServiceAddress, out _))
        {
            problems.Add($"{ServiceAddress} is \"{workbench.ServiceAddress}\", which is not an http or https address: write {ServiceExample}.");
        }
        if (signIn.UsesAuthority)
        {
            problems.AddRange(AuthorityProblems(workbench, signIn));
        }
        else if (!development)
        {
            problems.Add("Auth__Authority is required outside Development: the OpenID Connect authority the service trusts, "
                + "e.g. https://login.example.org/realms/press, with Workbench__ClientId (the development sign-in page exists only in Development).");
        }
        return problems;
    }

    private static IEnumerable<string> AuthorityProblems(WorkbenchOptions workbench, SignInOptions signIn)
    {
        if (!IsHttpAddress(signIn.Authority!, out var authority))
        {
            yield return $"Auth__Authority is \"{signIn.Authority}\", which is not a URL: write the issuer's address, e.g. https://login.example.org/realms/press.";
        }
        else if (signIn.RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
        {
            yield return "Auth__Authority must be an https URL while Auth__RequireHttpsMetadata is true (set that to false only for tests).";
        }
        if (string.IsNullOrWhiteSpace(workbench.ClientId))
        {
            yield return "Workbench__ClientId is required with Auth__Authority: the workbench's client id at the authority (a client allowed the authorization code flow).";
        }
    }

    private static bool IsHttpAddress(string value, out Uri address) =>
        Uri.TryCreate(value, UriKind.Absolute, out address!) && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(address.Host);
}
