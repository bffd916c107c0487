namespace SchoolMis.Platform.Tenancy;

/// <summary>Finds schools by slug or id. Implemented by the module that owns the school register.</summary>
public interface ITenantStore
{
    ValueTask<TenantInfo?> FindBySlugAsync(string slug, CancellationToken cancellationToken = default);

    ValueTask<TenantInfo?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The schools of one local authority (an LA officer's or LA client's view), by name; not cached.</summary>
    ValueTask<IReadOnlyList<TenantInfo>> ListByLaAsync(string laCode, CancellationToken cancellationToken = default);

    /// <summary>Drops any cached copy, after an operator changes a school.</summary>
    void Evict(TenantInfo tenant);
}
