using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Translations.Changes;
using Translations.Storage;
using Translations.V1;

namespace Translations.Tests.Infrastructure;

/// <summary>Opening watches, reading their events with a time limit, and the change feed as the database holds it.</summary>
public static class Watching
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>A watch of the draft view (every event) unless <paramref name="configure"/> says otherwise.</summary>
    public static AsyncServerStreamingCall<WatchReleasesResponse> Watch(this ReleaseService.ReleaseServiceClient client, long? after = null,
        Action<WatchReleasesRequest>? configure = null, CancellationToken cancellationToken = default)
    {
        var request = new WatchReleasesRequest { View = ReleaseView.Draft };
        if (after is { } sequence)
        {
            request.AfterSequence = sequence;
        }
        configure?.Invoke(request);
        return client.WatchReleases(request, cancellationToken: cancellationToken);
    }

    /// <summary>The sequence the server says the watch starts after (its <c>after-sequence</c> response header).</summary>
    public static async Task<long> StartsAfterAsync(this AsyncServerStreamingCall<WatchReleasesResponse> call)
    {
        var headers = await call.ResponseHeadersAsync;
        return long.Parse(headers.GetValue("after-sequence")!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The next <paramref name="count"/> events; fails if they do not all arrive within <paramref name="within"/>.</summary>
    public static async Task<List<ReleaseEvent>> ReadEventsAsync(this AsyncServerStreamingCall<WatchReleasesResponse> call, int count, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? Patience);
        var events = new List<ReleaseEvent>();
        try
        {
            while (events.Count < count && await call.ResponseStream.MoveNext(timeout.Token))
            {
                events.Add(call.ResponseStream.Current.Event);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && timeout.IsCancellationRequested)
        {
            Assert.Fail($"Only {events.Count} of {count} events arrived within {(within ?? Patience).TotalSeconds} s.");
        }
        Assert.Equal(count, events.Count);
        return events;
    }

    /// <summary>Events until one with <paramref name="sequence"/> or later has arrived.</summary>
    public static async Task<List<ReleaseEvent>> ReadThroughAsync(this AsyncServerStreamingCall<WatchReleasesResponse> call, long sequence, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? Patience);
        var events = new List<ReleaseEvent>();
        try
        {
            while ((events.Count == 0 || events[^1].Sequence < sequence) && await call.ResponseStream.MoveNext(timeout.Token))
            {
                events.Add(call.ResponseStream.Current.Event);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && timeout.IsCancellationRequested)
        {
            Assert.Fail($"Sequence {sequence} did not arrive within {(within ?? Patience).TotalSeconds} s; the last was {(events.Count > 0 ? events[^1].Sequence : "none")}.");
        }
        return events;
    }

    /// <summary>The change events as the database holds them.</summary>
    public static async Task<IReadOnlyList<ChangeEvent>> StoredChangesAsync(this TranslationsApp app, long after = 0) =>
        await app.Services.GetRequiredService<IChangeFeed>().ReadChangesAsync(after, int.MaxValue, CancellationToken.None);

    public static async Task<long> LastSequenceAsync(this TranslationsApp app) =>
        await app.Services.GetRequiredService<IChangeFeed>().GetLastSequenceAsync(CancellationToken.None);
}
