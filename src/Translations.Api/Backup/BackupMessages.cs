using Translations.Releases;

namespace Translations.Backup;

/// <summary>Maps <see cref="ReleaseBackup"/> to the message ExportReleases streams (and restore reads back, <see cref="BackupRequests"/>).</summary>
internal static class BackupMessages
{
    public static V1.ReleaseBackup ToMessage(this ReleaseBackup backup)
    {
        var release = backup.Release with { Variants = [] };
        var message = new V1.ReleaseBackup { Release = release.ToMessage() };
        foreach (var current in backup.Release.Variants)
        {
            var published = backup.Published.FirstOrDefault(p => p.Language == current.Language);
            var variant = new V1.VariantBackup
            {
                Current = current.ToMessage(),
                Published = published?.ToMessage(),
                ContentRevision = current.FollowedRevision,
                PublishedContentRevision = published?.FollowedRevision ?? 0,
            };
            variant.Revisions.AddRange(backup.Revisions.Where(r => r.Language == current.Language).Select(ReleaseMessages.ToMessage));
            message.Variants.Add(variant);
        }
        return message;
    }
}
