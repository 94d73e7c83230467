using Grpc.Health.V1;
using Translations.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Translations.Tests;

/// <summary>The service finds the appsettings.json beside its assembly wherever it is started from, as in a container.</summary>
public sealed class SettingsLocationTests
{
    [Fact]
    public async Task Started_from_another_folder_the_service_reads_the_settings_beside_its_assembly_and_speaks_h2c()
    {
        var elsewhere = Directory.CreateTempSubdirectory("translations-elsewhere-");
        try
        {
            var settings = BuiltProgram.ServiceSettings();
            settings["ConnectionStrings__Releases"] = $"Data Source={Path.Combine(elsewhere.FullName, "releases.db")}";
            await using var service = await ServiceProcess.StartAsync(settings, workingDirectory: elsewhere.FullName);

            // Only appsettings.json makes the gRPC endpoint HTTP/2 without TLS (h2c); without it this call fails.
            var health = new Health.HealthClient(service.As(TranslationsApp.DefaultCaller).Channel);
            var status = ServingStatus.Unknown;
            for (var attempt = 0; attempt < 50 && status != ServingStatus.Serving; attempt++)
            {
                status = (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken)).Status;
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            Assert.Equal(ServingStatus.Serving, status);
            Assert.Contains("Content root path: " + AppContext.BaseDirectory.TrimEnd('/'), service.Output, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            elsewhere.Delete(recursive: true);
        }
    }
}
