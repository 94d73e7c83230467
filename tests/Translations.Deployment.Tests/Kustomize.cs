using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace Translations.Deployment.Tests;

/// <summary>Renders a kustomization with <c>kubectl kustomize</c>, which needs no cluster.</summary>
internal static class Kustomize
{
    public const string Base = "k8s/base";
    public const string Dev = "k8s/overlays/dev";
    public const string Production = "k8s/overlays/production";

    public static TheoryData<string> Kustomizations => new(Base, Dev, Production);

    private static readonly ConcurrentDictionary<string, Lazy<string>> Rendered = new();

    /// <summary>The YAML stream <c>kubectl kustomize</c> prints for the folder (relative to the repository).</summary>
    public static string Render(string kustomization) =>
        Rendered.GetOrAdd(kustomization, folder => new Lazy<string>(() => Run(folder))).Value;

    private static string Run(string kustomization)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            ArgumentList = { "kustomize", Repository.PathOf(kustomization) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception missing)
        {
            throw new InvalidOperationException(
                "kubectl was not found on PATH. These tests render k8s/ with `kubectl kustomize` (offline, no cluster): " +
                "install kubectl (client 1.27 or later, which includes kustomize) and run them again.",
                missing);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"kubectl kustomize {kustomization} took longer than a minute.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"kubectl kustomize {kustomization} failed with exit code {process.ExitCode}:\n{error.Result}");
            }

            return output;
        }
    }
}
