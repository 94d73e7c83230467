using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Translations.Storage;

/// <summary>
/// Names for hand-written SQL, read from the EF model and quoted by the provider, so that the model
/// stays the one description of the schema: SQLite's PascalCase columns and PostgreSQL's snake_case
/// ones both come out right.
/// </summary>
public sealed class ModelSql(TranslationsDbContext db)
{
    private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();

    public string Table<T>() => Table(Entity<T>());

    public string Table(IEntityType entity)
    {
        var table = TableOf(entity);
        return _sql.DelimitIdentifier(table.Name, table.Schema);
    }

    public string Column<T>(string property) => Column(Property<T>(property), TableOf(Entity<T>()));

    public string Column(IProperty property, StoreObjectIdentifier table) => _sql.DelimitIdentifier(property.GetColumnName(table)!);

    /// <summary>The name a column of a raw query's result must have for EF Core to read it into this property.</summary>
    public string ResultColumn<T>(string property) => _sql.DelimitIdentifier(Property<T>(property).GetColumnName());

    public string Parameter(string name) => _sql.GenerateParameterNamePlaceholder(name);

    public IProperty Property<T>(string property) =>
        Entity<T>().FindProperty(property) ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} is not in the model.");

    private IEntityType Entity<T>() =>
        db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");

    public static StoreObjectIdentifier TableOf(IEntityType entity) => StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
}
