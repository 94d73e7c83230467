using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace Translations.Storage.PostgreSql;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a server (README: adding a migration).</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<TranslationsDbContext>
{
    public TranslationsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TranslationsDbContext>();
        new PostgreSqlStorageProvider(new NpgsqlConnectionStringBuilder("Host=localhost;Database=translations")).Configure(options);
        return new TranslationsDbContext(options.Options);
    }
}
