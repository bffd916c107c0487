using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Platform.Auditing;

/// <summary>
/// Marks a school record whose every change is kept in the audit trail: who, when, and each changed field's old and new
/// value. Saved by <see cref="TenantDbContext"/> in the same SaveChanges (so in the same transaction) as the change.
/// The entity needs a single <c>Guid Id</c> key.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuditedAttribute : Attribute;

/// <summary>One change to one audited record. Stored values are the record's own (this is the record's history, for
/// the school's eyes only: it is tenant-filtered like the record itself and never logged).</summary>
public sealed class AuditEntry : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public required string EntityType { get; init; }
    public Guid EntityId { get; init; }
    public required string Action { get; init; }
    public required string ChangesJson { get; init; }
    public required string ChangedBy { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
}

public sealed record AuditChange(string? Old, string? New);

/// <param name="Action">Added, Modified or Deleted.</param>
public sealed record AuditRecord(string EntityType, Guid EntityId, string Action, IReadOnlyDictionary<string, AuditChange> Changes,
    string ChangedBy, DateTimeOffset ChangedAt);

public static class AuditTrail
{
    public const string Table = "AuditEntries";

    private static readonly ConcurrentDictionary<IModel, bool> HasAudited = new();

    public static ModelBuilder ApplyAuditModel(this ModelBuilder builder)
    {
        builder.Entity<AuditEntry>(a =>
        {
            a.ToTable(Table, "audit");
            a.HasKey(x => x.Id);
            a.Property(x => x.EntityType).HasMaxLength(100);
            a.Property(x => x.Action).HasMaxLength(10);
            a.Property(x => x.ChangedBy).HasMaxLength(300);
            a.HasIndex(x => new { x.EntityType, x.EntityId });
        });
        return builder;
    }

    /// <summary>The history of the given records of one type, oldest first.</summary>
    public static async Task<IReadOnlyList<AuditRecord>> AuditTrailAsync<TEntity>(this DbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var type = typeof(TEntity).Name;
        var entries = await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.EntityType == type && ids.Contains(a.EntityId))
            .OrderBy(a => a.Id) // version 7: in the order they were made
            .ToListAsync(ct);
        return entries.Select(e => new AuditRecord(e.EntityType, e.EntityId, e.Action,
            JsonSerializer.Deserialize<Dictionary<string, AuditChange>>(e.ChangesJson, JsonSerializerOptions.Web) ?? [], e.ChangedBy, e.ChangedAt)).ToList();
    }

    /// <summary>Adds an audit entry for each audited record about to be saved (called before the tenant stamp, which then stamps these too).</summary>
    internal static void Capture(DbContext db, string changedBy, DateTimeOffset now)
    {
        if (!HasAudited.GetOrAdd(db.Model, m => m.GetEntityTypes().Any(t => Attribute.IsDefined(t.ClrType, typeof(AuditedAttribute)))))
            return;
        var entries = new List<AuditEntry>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || !Attribute.IsDefined(entry.Metadata.ClrType, typeof(AuditedAttribute)))
                continue;
            var changes = new SortedDictionary<string, AuditChange>(StringComparer.Ordinal);
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.IsPrimaryKey() || property.Metadata.Name == nameof(ITenantScoped.TenantId))
                    continue;
                var (old, current) = entry.State switch
                {
                    EntityState.Added => (null, Text(property.CurrentValue)),
                    EntityState.Deleted => (Text(property.OriginalValue), null),
                    _ => (Text(property.OriginalValue), Text(property.CurrentValue)),
                };
                if (old != current)
                    changes[property.Metadata.Name] = new AuditChange(old, current);
            }
            if (entry.State == EntityState.Modified && changes.Count == 0)
                continue;
            entries.Add(new AuditEntry
            {
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = entry.Property("Id").CurrentValue is Guid id ? id : Guid.Empty,
                Action = entry.State.ToString(),
                ChangesJson = JsonSerializer.Serialize(changes, JsonSerializerOptions.Web),
                ChangedBy = changedBy,
                ChangedAt = now,
            });
        }
        db.Set<AuditEntry>().AddRange(entries);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
