using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace SchoolMis.Platform.Tenancy;

/// <summary>
/// Model conventions for tenant-owned entities, shared by the runtime module contexts and the migrations context
/// so that both describe the same columns and indexes.
/// </summary>
public static class TenantModel
{
    /// <summary>The name of the EF Core named query filter that isolates schools.</summary>
    public const string FilterName = "tenant";

    /// <summary>
    /// Makes TenantId required and leading in every index of every tenant-owned entity (uniqueness is per school:
    /// two schools may both have admission number 000123).
    /// </summary>
    public static void ApplyConventions(ModelBuilder modelBuilder)
    {
        foreach (var entityType in TenantOwnedTypes(modelBuilder.Model))
        {
            var tenantId = entityType.FindProperty(nameof(ITenantScoped.TenantId))!;
            tenantId.IsNullable = false;

            foreach (var index in entityType.GetIndexes().ToList())
            {
                if (index.Properties[0] == tenantId)
                    continue;
                var properties = index.Properties.Prepend(tenantId).ToList();
                var name = index.Name;
                var unique = index.IsUnique;
                var filter = index.GetFilter();
                entityType.RemoveIndex(index);
                var adjusted = name is null ? entityType.AddIndex(properties) : entityType.AddIndex(properties, name);
                adjusted.IsUnique = unique;
                adjusted.SetFilter(filter);
            }

            if (!entityType.GetIndexes().Any(i => i.Properties.Count >= 1 && i.Properties[0] == tenantId))
                entityType.AddIndex(tenantId);
        }
    }

    internal static IEnumerable<IMutableEntityType> TenantOwnedTypes(IMutableModel model) =>
        model.GetEntityTypes()
            .Where(t => !t.IsOwned() && t.ClrType is not null && typeof(ITenantScoped).IsAssignableFrom(t.ClrType))
            .ToList();

    internal static readonly MethodInfo AddFilterMethod =
        typeof(TenantDbContext).GetMethod(nameof(TenantDbContext.AddTenantFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;
}
