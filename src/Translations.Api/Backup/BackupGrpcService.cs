using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Translations.Access;
using Translations.Errors;
using Translations.Hosting;
using Translations.Storage;
using Translations.V1;

namespace Translations.Backup;

/// <summary>BackupService: every release read whole, and written back as it was. Admins only.</summary>
[RequiresRight(Right.Operate)]
public sealed class BackupGrpcService(IReleaseBackups backups, BackupRequests requests) : BackupService.BackupServiceBase
{
    /// <summary>
    /// A release with its whole history is one message, larger than other calls' 4 MiB when it has many long
    /// revisions: backups may be up to 64 MiB a release, each way.
    /// </summary>
    public const int MaxMessageSize = 64 * 1024 * 1024;

    public override async Task ExportReleases(ExportReleasesRequest request, IServerStreamWriter<ExportReleasesResponse> responseStream, ServerCallContext context)
    {
        await foreach (var backup in backups.ExportReleasesAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(new ExportReleasesResponse { Release = backup.ToMessage() }, context.CancellationToken);
        }
    }

    /// <summary>
    /// Each item is read and checked on its own; the good ones are restored in transactions of up to
    /// <see cref="ReleasesPerTransaction"/> releases or <see cref="BytesPerTransaction"/> bytes, as they arrive.
    /// The rate limit counts the call once.
    /// </summary>
    [EnableRateLimiting(WriteRateLimiting.Policy)]
    public override async Task<RestoreReleasesResponse> RestoreReleases(IAsyncStreamReader<RestoreReleasesRequest> requestStream, ServerCallContext context)
    {
        var outcomes = new List<RestoreReleaseOutcome>();
        var batch = new List<(RestoreReleaseOutcome Outcome, Releases.ReleaseBackup Backup)>();
        var bytes = 0L;
        await foreach (var item in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var outcome = new RestoreReleaseOutcome { Index = outcomes.Count };
            outcomes.Add(outcome);
            try
            {
                BulkCalls.EnsureWithinLimit(outcome.Index, "release");
                var backup = requests.ReadRestore(item.Release, "release");
                outcome.ReleaseId = backup.Release.Id;
                batch.Add((outcome, backup));
                bytes += item.CalculateSize();
            }
            catch (Exception e) when (ErrorMappingInterceptor.ToStatus(e) is { } status)
            {
                outcome.ReleaseId = item.Release?.Release?.Id is { } id && Releases.ReleaseId.IsWellFormed(id) ? id : "";
                outcome.Error = status;
            }
            if (batch.Count == ReleasesPerTransaction || bytes >= BytesPerTransaction)
            {
                await RestoreAsync(batch, context);
                bytes = 0;
            }
        }
        await RestoreAsync(batch, context);
        return new RestoreReleasesResponse { Outcomes = { outcomes } };
    }

    /// <summary>Releases restored in one transaction: few enough that a call's memory stays small, enough that commits do not bound a restore.</summary>
    private const int ReleasesPerTransaction = 100;

    private const long BytesPerTransaction = 8 * 1024 * 1024;

    private async Task RestoreAsync(List<(RestoreReleaseOutcome Outcome, Releases.ReleaseBackup Backup)> batch, ServerCallContext context)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var results = await backups.RestoreReleasesAsync(batch.Select(b => b.Backup).ToArray(), context.WriteContext(), context.CancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i].Refusal is { } refusal)
            {
                batch[i].Outcome.Error = ErrorMappingInterceptor.ToStatus(refusal);
            }
            else
            {
                batch[i].Outcome.Restored = results[i].Result == Releases.RestoreResult.Created ? RestoreResult.Created : RestoreResult.Unchanged;
            }
        }
        batch.Clear();
    }
}
