namespace SchoolMis.Platform.Tenancy;

/// <summary>The school the current request or unit of background work acts for.</summary>
public interface ITenantContext
{
    bool IsResolved { get; }

    /// <summary>The current school; throws when none is resolved, so code never runs "for no school" by accident.</summary>
    TenantInfo Current { get; }

    Guid? TenantId { get; }
}

/// <summary>Write side of the tenant context: only resolution and <see cref="TenantScopeFactory"/> set it.</summary>
public interface ITenantContextSetter
{
    void Set(TenantInfo tenant);
}

internal sealed class TenantContext : ITenantContext, ITenantContextSetter
{
    private TenantInfo? _tenant;

    public bool IsResolved => _tenant is not null;

    public TenantInfo Current => _tenant ?? throw new InvalidOperationException("No school is resolved for this work.");

    public Guid? TenantId => _tenant?.Id;

    public void Set(TenantInfo tenant)
    {
        // A scope belongs to one school for its whole life: DbContexts capture the tenant when they are built.
        if (_tenant is not null && _tenant.Id != tenant.Id)
            throw new InvalidOperationException("This scope already acts for another school.");
        _tenant = tenant;
    }
}
