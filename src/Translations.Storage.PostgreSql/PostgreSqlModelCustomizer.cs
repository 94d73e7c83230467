using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Translations.Storage.PostgreSql;

/// <summary>
/// Release ids take part in keyset seeks (<c>id &gt; @after</c>) and orderings: collation "C" compares
/// them byte-wise, as SQLite does, whatever the database's default collation is.
/// </summary>
public sealed class PostgreSqlModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string) && p.Name is "Id" or "ReleaseId"))
            {
                property.SetCollation("C");
            }
        }
    }
}
