using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace Translations.Deployment.Tests;

/// <summary>
/// What other teams install: the client library as NuGet packages (with its XML docs and README, and the
/// contract package it depends on), packed by <c>dotnet pack</c> from the built Release output.
/// </summary>
public sealed class PackagingTests : IDisposable
{
    private readonly DirectoryInfo _packages = Directory.CreateTempSubdirectory("translations-packages-");

    public void Dispose() => _packages.Delete(recursive: true);

    [Fact]
    public async Task The_client_library_packs_with_its_docs_and_readme_and_depends_on_the_contract_package()
    {
        await PackAsync("src/Translations.Contracts/Translations.Contracts.csproj");
        await PackAsync("src/Translations.Client/Translations.Client.csproj");

        var client = Entries("Translations.Client");
        Assert.Contains("lib/net10.0/Translations.Client.dll", client.Keys);
        Assert.Contains("lib/net10.0/Translations.Client.xml", client.Keys);
        Assert.Contains("AddTranslationsClient", client["lib/net10.0/Translations.Client.xml"], StringComparison.Ordinal);
        Assert.Contains("AddTranslationsClient", client["README.md"], StringComparison.Ordinal);
        var nuspec = XDocument.Parse(client.Single(entry => entry.Key.EndsWith(".nuspec", StringComparison.Ordinal)).Value);
        var ns = nuspec.Root!.Name.Namespace;
        Assert.Equal("README.md", nuspec.Descendants(ns + "readme").Single().Value);
        var dependencies = nuspec.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).ToList();
        Assert.Contains("Translations.Contracts", dependencies);
        Assert.Contains("Grpc.Net.ClientFactory", dependencies);

        Assert.Contains("lib/net10.0/Translations.Contracts.dll", Entries("Translations.Contracts").Keys);
    }

    private async Task PackAsync(string project)
    {
        var start = new ProcessStartInfo("dotnet", ["pack", Repository.PathOf(project), "-c", "Release", "--no-build", "-o", _packages.FullName, "-nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"dotnet pack {project} failed:\n{await output}\n{await error}");
    }

    /// <summary>Every entry of the package with this id, with its text (empty for assemblies).</summary>
    private Dictionary<string, string> Entries(string id)
    {
        // Translations.Client.1.0.0.nupkg, not Translations.Client.Something.1.0.0.nupkg
        var package = Assert.Single(_packages.GetFiles($"{id}.*.nupkg"), file => char.IsDigit(file.Name[id.Length + 1]));
        using var zip = ZipFile.OpenRead(package.FullName);
        return zip.Entries.ToDictionary(entry => entry.FullName, entry =>
            {
                if (entry.FullName.EndsWith(".dll", StringComparison.Ordinal))
                {
                    return "";
                }
                using var reader = new StreamReader(entry.Open());
                return reader.ReadToEnd();
            });
    }
}
