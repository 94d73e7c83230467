using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Translations.Storage.PostgreSql;

/// <summary>
/// After the server restarted, every idle connection in Npgsql's pool is dead, and Npgsql learns so only
/// when one is used: each would fail one more call. When a command fails because the server is away,
/// the pool is emptied, so the calls after it open fresh connections and the service recovers at once.
/// </summary>
internal sealed class BrokenConnectionsInterceptor(PostgreSqlStorageProvider provider) : DbCommandInterceptor
{
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ClearPoolAfter(command, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ClearPoolAfter(command, eventData.Exception);
        return Task.CompletedTask;
    }

    private void ClearPoolAfter(DbCommand command, Exception failure)
    {
        if (provider.IsUnavailable(failure) && command.Connection is NpgsqlConnection connection)
        {
            NpgsqlConnection.ClearPool(connection);
        }
    }
}
