using Npgsql;

namespace Translations.Tests.Infrastructure;

/// <summary>What a PostgreSQL database of the service holds, read with SQL rather than through the service.</summary>
public static class StoredReleases
{
    /// <summary>The newest change event's sequence (0 when none) and each release's id with its revision.</summary>
    public static async Task<(long Newest, Dictionary<string, long> Releases)> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var newest = new NpgsqlCommand("SELECT COALESCE(MAX(sequence), 0) FROM change_events", connection);
        var last = (long)(await newest.ExecuteScalarAsync(cancellationToken))!;
        await using var releases = new NpgsqlCommand("SELECT id, revision FROM releases", connection);
        var stored = new Dictionary<string, long>();
        await using var reader = await releases.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored[reader.GetString(0)] = reader.GetInt64(1);
        }
        return (last, stored);
    }
}
