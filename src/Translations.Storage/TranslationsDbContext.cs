using Microsoft.EntityFrameworkCore;

namespace Translations.Storage;

public sealed class TranslationsDbContext(DbContextOptions<TranslationsDbContext> options) : DbContext(options)
{
    public DbSet<ReleaseRecord> Releases => Set<ReleaseRecord>();
    public DbSet<ReleaseTagRecord> ReleaseTags => Set<ReleaseTagRecord>();
    public DbSet<VariantRecord> Variants => Set<VariantRecord>();
    public DbSet<VariantRevisionRecord> VariantRevisions => Set<VariantRevisionRecord>();
    public DbSet<PublishedVariantRecord> PublishedVariants => Set<PublishedVariantRecord>();
    public DbSet<ScheduledPublicationRecord> ScheduledPublications => Set<ScheduledPublicationRecord>();
    public DbSet<ChangeEventRecord> ChangeEvents => Set<ChangeEventRecord>();
    public DbSet<RequestRecord> Requests => Set<RequestRecord>();

    /// <summary>The change events of the write under way, until they take their sequences at its end.</summary>
    internal List<ChangeEventRecord> PendingChangeEvents { get; } = [];

    /// <summary>The rows the write under way saves itself, without the change tracker (<see cref="WriteSql"/>).</summary>
    internal List<PendingRow> PendingRows { get; } = [];

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<ReleaseRecord>(e =>
        {
            e.ToTable("releases");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasMaxLength(32);
            e.Property(r => r.Slug).HasMaxLength(120);
            e.HasIndex(r => r.Slug).IsUnique();
            e.Property(r => r.Category).HasMaxLength(64);
            e.Property(r => r.SourceLanguage).HasMaxLength(35);
            // Every write of a release or its variants bumps this in a conditional UPDATE: two racing
            // writers can never both commit. (On PostgreSQL under READ COMMITTED the second UPDATE waits
            // for the first to commit, re-reads the row, matches nothing and the write is retried.)
            e.Property(r => r.Revision).IsConcurrencyToken();
            // Keyset pagination of QueryReleases walks this index in both directions.
            e.HasIndex(r => new { r.ReleaseDate, r.Id });
            e.HasIndex(r => r.Category);
            e.HasMany(r => r.Tags).WithOne().HasForeignKey(t => t.ReleaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Variants).WithOne().HasForeignKey(v => v.ReleaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.PublishedVariants).WithOne().HasForeignKey(v => v.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ReleaseTagRecord>(e =>
        {
            e.ToTable("release_tags");
            e.HasKey(t => new { t.ReleaseId, t.Tag });
            e.HasIndex(t => t.Tag);
        });
        model.Entity<VariantRecord>(e =>
        {
            e.ToTable("variants");
            e.HasKey(v => new { v.ReleaseId, v.Language });
            e.HasIndex(v => v.Language);
            e.Property(v => v.State).HasConversion<string>().HasMaxLength(16);
            e.Property(v => v.Comment).HasMaxLength(2000);
        });
        model.Entity<ScheduledPublicationRecord>(e =>
        {
            e.ToTable("scheduled_publications");
            e.HasKey(s => s.Id);
            e.HasIndex(s => s.PublishTime);
            e.Property(s => s.Languages).HasMaxLength(512);
            e.HasOne<ReleaseRecord>().WithMany().HasForeignKey(s => s.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<PublishedVariantRecord>(e =>
        {
            e.ToTable("published_variants");
            e.HasKey(v => new { v.ReleaseId, v.Language });
            e.HasIndex(v => v.Language);
        });
        model.Entity<VariantRevisionRecord>(e =>
        {
            e.ToTable("variant_revisions");
            e.HasKey(v => new { v.ReleaseId, v.Language, v.Revision });
            e.Property(v => v.State).HasConversion<string>().HasMaxLength(16);
            e.Property(v => v.Comment).HasMaxLength(2000);
            e.HasOne<ReleaseRecord>().WithMany().HasForeignKey(v => v.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ChangeEventRecord>(e =>
        {
            e.ToTable("change_events");
            e.HasKey(c => c.Sequence);
            e.Property(c => c.Sequence).ValueGeneratedNever();
            e.Property(c => c.Type).HasConversion<string>().HasMaxLength(32);
            e.Property(c => c.Category).HasMaxLength(64);
            e.HasIndex(c => c.ReleaseId);
        });
        // Not a table: the rows of StorageProvider.SearchSql, mapped so that EF Core composes the search with the filter.
        model.Entity<SearchMatch>(e =>
        {
            e.HasNoKey();
            e.ToView(null);
        });
        model.Entity<RequestRecord>(e =>
        {
            e.ToTable("requests");
            e.HasKey(r => new { r.Operation, r.RequestId });
        });
    }
}
