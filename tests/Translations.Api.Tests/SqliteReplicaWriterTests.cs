using System.Diagnostics;
using Grpc.Core;
using Translations.Tests.Infrastructure;
using Translations.V1;

namespace Translations.Tests;

/// <summary>
/// Replicas on one SQLite file take turns to write through a lock on the file beside it
/// (releases.db-writers), so that a replica waiting for another is woken as soon as that one's write
/// ends, instead of sleeping in SQLite's busy handler while the other keeps the lock.
/// </summary>
public sealed class SqliteReplicaWriterTests : IAsyncLifetime
{
    private readonly TranslationsApp _first = new();
    private TranslationsApp _second = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _first.InitializeAsync();
        _second = TranslationsApp.ReplicaOn(_first.DataDirectory);
        await _second.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task A_replica_writes_again_and_again_while_another_replica_on_the_file_stays_idle()
    {
        // An idle replica has the lock file open; writing must not depend on it ever writing too.
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _first.Editorial.CreateReleaseAsync(Requests.NewRelease(), deadline: Soon(), cancellationToken: Ct)).Release.Id);
        }

        var read = await _second.Releases.BatchGetReleasesAsync(new BatchGetReleasesRequest { Ids = { ids }, View = ReleaseView.Draft }, cancellationToken: Ct);
        Assert.Equal(ids.Order(StringComparer.Ordinal), read.Releases.Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Replicas_writing_at_once_on_one_file_each_complete_every_write()
    {
        var writes = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? _first : _second).Editorial
            .CreateReleaseAsync(Requests.NewRelease(title: $"Выпуск {i}"), deadline: Soon(), cancellationToken: Ct).ResponseAsync);

        var created = await Task.WhenAll(writes);

        Assert.Equal(40, created.Select(c => c.Release.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_write_waits_while_another_program_holds_the_replicas_writer_lock_and_completes_after()
    {
        using var holder = Process.Start(new ProcessStartInfo("flock", ["--exclusive", _first.DatabasePath + "-writers", "--command", "echo locked; read _"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync(Ct));

        var write = _first.Editorial.CreateReleaseAsync(Requests.NewRelease(), deadline: Soon(), cancellationToken: Ct).ResponseAsync;
        var first = await Task.WhenAny(write, Task.Delay(TimeSpan.FromMilliseconds(500), Ct));
        Assert.NotSame(write, first);

        holder.StandardInput.Close();
        await holder.WaitForExitAsync(Ct);
        var created = await write;

        Assert.Equal(1, created.Release.Revision);
    }

    private static DateTime Soon() => DateTime.UtcNow.AddSeconds(30);
}
