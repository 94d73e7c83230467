extern alias workbench;

using System.Reflection;
using Microsoft.Extensions.Hosting;
using Translations.Hosting;
using Translations.Storage;
using WorkbenchSettings = workbench::Translations.Workbench.Hosting.WorkbenchSettings;

namespace Translations.Deployment.Tests;

/// <summary>A misspelt setting is silently ignored by ASP.NET Core, so every name is checked against the code.</summary>
public sealed class SettingNameTests
{
    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Every_variable_given_to_the_service_is_one_it_reads(string kustomization)
    {
        var names = Manifests.Render(kustomization).TranslationsVariableNames.ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.True(Service.Reads(name), $"{name} is set in {kustomization}, but the service reads no such setting."));
    }

    [Theory]
    [MemberData(nameof(Kustomize.Kustomizations), MemberType = typeof(Kustomize))]
    public void Every_variable_given_to_the_workbench_is_one_it_reads(string kustomization)
    {
        var names = Manifests.Render(kustomization).WorkbenchVariableNames.ToList();

        Assert.Contains(WorkbenchSettings.ServiceAddress, names);
        Assert.All(names, name => Assert.True(Workbench.Reads(name), $"{name} is set in {kustomization}, but the workbench reads no such setting."));
    }

    [Fact]
    public void A_misspelt_setting_is_not_one_the_service_reads()
    {
        Assert.True(Service.Reads("Draining__Timeout"));
        Assert.False(Service.Reads("Draining__Timout"));
        Assert.False(Service.Reads("Drainng__Timeout"));
        Assert.False(Service.Reads("ConnectionStrings__Release"));
        Assert.False(Service.Reads("Kestrel__Endpoints__Grcp__Url"));
    }

    [Fact]
    public void A_setting_of_the_other_program_or_a_misspelt_one_is_not_one_the_workbench_reads()
    {
        Assert.True(Workbench.Reads("Workbench__ClientId"));
        Assert.True(Workbench.Reads("Auth__Authority"));
        Assert.False(Workbench.Reads("Workbench__ClientID"));
        Assert.False(Workbench.Reads("Workbench__ServiceAdress"));
        Assert.False(Workbench.Reads("Storage__Provider"));
        Assert.False(Workbench.Reads("Kestrel__Endpoints__Grpc__Url"));
    }

    /// <summary>
    /// Names the service defines: its connection strings, the Kestrel endpoints the probes and the Service
    /// use, Storage__Provider, and Section__Property for every public options class with a Section constant.
    /// </summary>
    private static readonly ProgramSettings Service = new(Repository.ApiProject,
    [
        $"ConnectionStrings__{StorageServiceCollectionExtensions.ConnectionStringName}",
        $"ConnectionStrings__{CachingExtensions.RedisConnectionStringName}",
        "Kestrel__Endpoints__Grpc__Url",
        $"Kestrel__Endpoints__{HealthProbes.ManagementEndpoint}__Url",
        $"Kestrel__Endpoints__{HttpJson.HttpJsonEndpoint.Name}__Url",
        StorageExtensions.ProviderSetting.Replace(":", "__", StringComparison.Ordinal),
    ]);

    /// <summary>Names the workbench defines: its one HTTP endpoint, the management endpoint, and its options classes.</summary>
    private static readonly ProgramSettings Workbench = new(Repository.WorkbenchProject,
    [
        "Kestrel__Endpoints__Http__Url",
        $"Kestrel__Endpoints__{HealthProbes.ManagementEndpoint}__Url",
    ]);

    private sealed class ProgramSettings(string project, IEnumerable<string> named)
    {
        private readonly HashSet<string> _known = KnownSettings(project, named);

        public bool Reads(string name) =>
            name.StartsWith("OTEL_", StringComparison.Ordinal)
            || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
            || name.StartsWith("DOTNET_", StringComparison.Ordinal)
            || _known.Contains(name);

        /// <summary><paramref name="named"/>, and Section__Property for every public options class with a Section constant.</summary>
        private static HashSet<string> KnownSettings(string project, IEnumerable<string> named)
        {
            var known = new HashSet<string>(named, StringComparer.Ordinal);
            foreach (var type in Assemblies(project).SelectMany(assembly => assembly.GetExportedTypes()))
            {
                if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                    && field.GetRawConstantValue() is string section)
                {
                    foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                    {
                        if (property.SetMethod is { IsPublic: true })
                        {
                            known.Add($"{section}__{property.Name}");
                        }
                    }
                }
            }

            return known;
        }

        /// <summary>
        /// The assemblies of the project and those it references, transitively: what its image ships. By
        /// project, not by the assembly's metadata, which lists only the assemblies its code already calls into.
        /// </summary>
        private static List<Assembly> Assemblies(string project) =>
            [.. Repository.ProjectClosure(project).Select(path => Assembly.Load(Path.GetFileNameWithoutExtension(path)))];
    }
}
