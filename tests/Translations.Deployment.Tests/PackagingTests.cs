using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace Translations.Deployment.Tests;

/// <summary>
/// What other teams install, packed by <c>dotnet pack</c> from the built Release output: the client library
/// as NuGet packages (with its XML docs and README, and the contract package it depends on), and the
/// <c>translations</c> tool, installed with <c>dotnet tool install</c> as a user would.
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

    [Fact]
    public async Task The_packed_tool_installs_as_the_translations_command()
    {
        await PackAsync("src/Translations.Cli/Translations.Cli.csproj");
        var tools = Path.Combine(_packages.FullName, "tools");

        await RunAsync("dotnet", ["tool", "install", "Translations.Cli", "--tool-path", tools, "--add-source", _packages.FullName]);
        var help = await RunAsync(Path.Combine(tools, "translations"), ["--help"]);

        Assert.Contains("Exit codes", help, StringComparison.Ordinal);
        foreach (var command in new[] { "get", "query", "watch", "tasks", "submit", "review", "publish", "unpublish", "token" })
        {
            Assert.Matches($@"(?m)^\s+{command}\b", help);
        }
    }

    private Task PackAsync(string project) =>
        RunAsync("dotnet", ["pack", Repository.PathOf(project), "-c", "Release", "--no-build", "-o", _packages.FullName, "-nologo", "-v", "quiet"]);

    /// <summary>Runs a program to its end and returns its output; a non-zero exit fails the test with everything it wrote.</summary>
    private static async Task<string> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await error}");
        return await output;
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
