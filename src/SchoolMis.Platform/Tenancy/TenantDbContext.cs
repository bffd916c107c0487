using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform.Auditing;

namespace SchoolMis.Platform.Tenancy;

/// <summary>
/// Base of every module DbContext that holds school data. The school is captured when the context is built and
/// never changes: every query is filtered to it by the named filter <see cref="TenantModel.FilterName"/>, every
/// insert is stamped with it, and any write that would touch another school's row throws.
/// Register these contexts as scoped (never pooled), or an instance could carry one school's id into another's request.
/// </summary>
public abstract class TenantDbContext : DbContext
{
    private readonly Guid? _tenantId;
    private readonly IServiceProvider? _services;

    protected TenantDbContext(DbContextOptions options, ITenantContext tenant) : base(options)
    {
        _tenantId = tenant.TenantId;
        _services = options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider;
        Data.SharedTransaction.Join(this, options);
    }

    /// <summary>The school this context acts for, or null (then every filtered query returns nothing).</summary>
    protected Guid? CurrentTenantId => _tenantId;

    /// <summary>Maps the module's own entities; tenancy is added afterwards by the base class.</summary>
    protected abstract void BuildModel(ModelBuilder modelBuilder);

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        BuildModel(modelBuilder);
        modelBuilder.ApplyAuditModel(); // every module can keep an audit trail of its [Audited] records
        TenantModel.ApplyConventions(modelBuilder);
        foreach (var entityType in TenantModel.TenantOwnedTypes(modelBuilder.Model))
            TenantModel.AddFilterMethod.MakeGenericMethod(entityType.ClrType).Invoke(this, [modelBuilder]);
    }

    internal void AddTenantFilter<TEntity>(ModelBuilder modelBuilder) where TEntity : class, ITenantScoped =>
        // EF parameterises the context field per instance, so one cached model serves every school.
        modelBuilder.Entity<TEntity>().HasQueryFilter(TenantModel.FilterName, e => e.TenantId == _tenantId);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Audit();
        EnforceTenancy();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Audit();
        EnforceTenancy();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void Audit()
    {
        var who = (_services?.GetService(typeof(Security.ICurrentUser)) as Security.ICurrentUser)?.AuditName ?? "system";
        var clock = _services?.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        AuditTrail.Capture(this, who, clock.GetUtcNow());
    }

    private void EnforceTenancy()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantScoped>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
                continue;

            var tenantId = _tenantId
                ?? throw new TenantMismatchException("Cannot save school data when no school is resolved.");
            var property = entry.Property(e => e.TenantId);

            if (entry.State == EntityState.Added)
            {
                if (property.CurrentValue == Guid.Empty)
                    property.CurrentValue = tenantId;
                else if (property.CurrentValue != tenantId)
                    throw new TenantMismatchException($"A new {entry.Metadata.ClrType.Name} belongs to another school.");
            }
            else if (property.OriginalValue != tenantId || property.CurrentValue != tenantId)
            {
                throw new TenantMismatchException($"A {entry.Metadata.ClrType.Name} of another school cannot be changed here.");
            }
        }
    }
}

/// <summary>Thrown when a write would cross from one school into another. Always a bug, never user error.</summary>
public sealed class TenantMismatchException(string message) : InvalidOperationException(message);
