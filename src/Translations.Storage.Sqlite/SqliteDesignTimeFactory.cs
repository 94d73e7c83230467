using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Translations.Storage.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without starting the service (README: adding a migration).</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<TranslationsDbContext>
{
    public TranslationsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TranslationsDbContext>();
        new SqliteStorageProvider(new SqliteConnectionStringBuilder("Data Source=design-time.db")).Configure(options);
        return new TranslationsDbContext(options.Options);
    }
}
