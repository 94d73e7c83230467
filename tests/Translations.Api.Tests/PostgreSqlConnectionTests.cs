using Npgsql;
using Translations.Storage.PostgreSql;

namespace Translations.Tests;

/// <summary>What the service adds to the operator's connection string, and what it leaves alone.</summary>
public sealed class PostgreSqlConnectionTests
{
    [Fact]
    public void Statements_stay_prepared_and_pooled_connections_are_not_reset_unless_the_connection_string_says_otherwise()
    {
        var chosen = new NpgsqlConnectionStringBuilder(PostgreSqlStorageProvider.FromSettings("Host=db.internal;Database=translations").CreateReadConnection().ConnectionString);
        var own = new NpgsqlConnectionStringBuilder(PostgreSqlStorageProvider.FromSettings(
            "Host=db.internal;Database=translations;Max Auto Prepare=0;No Reset On Close=false").CreateReadConnection().ConnectionString);

        Assert.Equal((PostgreSqlStorageProvider.AutoPreparedStatements, true), (chosen.MaxAutoPrepare, chosen.NoResetOnClose));
        Assert.Equal((0, false), (own.MaxAutoPrepare, own.NoResetOnClose));
    }
}
