using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Translations.Releases;
using Translations.Storage;
using Translations.V1;

namespace Translations.Benchmarks;

internal sealed record StreamResult(long Streamed, double StreamedPerSecond, long Direct, double DirectPerSecond, double PeakGrowthMegabytes);

/// <summary>
/// Every release through QueryReleases on one stream, received by a .NET client over loopback, against the same rows
/// read in-process from the store with no gRPC; and the server's peak resident-memory growth while streaming.
/// </summary>
internal static class StreamedQuery
{
    public static async Task<StreamResult> RunAsync(ServerProcess server, IDbContextFactory<TranslationsDbContext> contexts, StorageProvider provider)
    {
        var baseline = server.ResidentBytes();
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, server.ResidentBytes());
                await Task.Delay(20);
            }
        });
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = null }.AsReader());
        var streamed = 0L;
        var clock = Stopwatch.StartNew();
        using (var call = new ReleaseService.ReleaseServiceClient(channel).QueryReleases(new QueryReleasesRequest()))
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
                streamed++;
            }
        }
        var streamSeconds = clock.Elapsed.TotalSeconds;
        sampling.Cancel();
        await sampler;

        var store = new EfReleaseStore(contexts, provider, TimeProvider.System, new Translations.Languages.LanguageSettings(Translations.Languages.LanguageOptions.Default));
        var direct = 0L;
        clock.Restart();
        await foreach (var _ in store.QueryReleasesAsync(new ReleaseQuery(new Translations.Releases.ReleaseFilter()), CancellationToken.None))
        {
            direct++;
        }
        var directSeconds = clock.Elapsed.TotalSeconds;
        return new StreamResult(streamed, streamed / streamSeconds, direct, direct / directSeconds, (peak - baseline) / 1024.0 / 1024.0);
    }
}
