using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Translations.Access;
using Translations.Hosting;
using Translations.Storage;
using Translations.V1;

namespace Translations.Backup;

/// <summary>BackupService: every release read whole, and written back as it was. Admins only.</summary>
[RequiresRight(Right.Operate)]
public sealed class BackupGrpcService(IReleaseBackups backups, BackupRequests requests) : BackupService.BackupServiceBase
{
    public override async Task ExportReleases(ExportReleasesRequest request, IServerStreamWriter<ExportReleasesResponse> responseStream, ServerCallContext context)
    {
        await foreach (var backup in backups.ExportReleasesAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(new ExportReleasesResponse { Release = backup.ToMessage() }, context.CancellationToken);
        }
    }

    /// <summary>Each item is read and restored on its own (<see cref="BulkCalls"/>). The rate limit counts the call once.</summary>
    [EnableRateLimiting(WriteRateLimiting.Policy)]
    public override async Task<RestoreReleasesResponse> RestoreReleases(IAsyncStreamReader<RestoreReleasesRequest> requestStream, ServerCallContext context) =>
        new()
        {
            Outcomes =
            {
                await BulkCalls.ApplyEachAsync(requestStream, "release", context,
                    async (item, index) =>
                    {
                        var backup = requests.ReadRestore(item.Release, "release");
                        var result = await backups.RestoreReleaseAsync(backup, context.WriteContext(), context.CancellationToken);
                        return new RestoreReleaseOutcome
                        {
                            Index = index, ReleaseId = backup.Release.Id,
                            Restored = result == Releases.RestoreResult.Created ? RestoreResult.Created : RestoreResult.Unchanged,
                        };
                    },
                    (item, index, status) => new RestoreReleaseOutcome { Index = index, ReleaseId = item.Release?.Release?.Id is { } id && Releases.ReleaseId.IsWellFormed(id) ? id : "", Error = status }),
            },
        };
}
