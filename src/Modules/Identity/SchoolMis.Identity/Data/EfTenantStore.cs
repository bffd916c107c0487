using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Identity.Data;

/// <summary>
/// The school register as the tenancy layer sees it, cached briefly: every request under /schools/{slug} asks.
/// A suspended school drops out within the cache lifetime, or at once when the operator's change evicts it.
/// </summary>
internal sealed class EfTenantStore(IdentityDataContext db, IMemoryCache cache) : ITenantStore
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async ValueTask<TenantInfo?> FindBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        await cache.GetOrCreateAsync(("school-slug", slug), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
            return school?.ToTenantInfo();
        });

    public async ValueTask<TenantInfo?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default) =>
        await cache.GetOrCreateAsync(("school-id", id), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            return school?.ToTenantInfo();
        });

    public async ValueTask<IReadOnlyList<TenantInfo>> ListByLaAsync(string laCode, CancellationToken cancellationToken = default) =>
        (await db.Schools.AsNoTracking().Where(s => s.LaCode == laCode).OrderBy(s => s.Name).ToListAsync(cancellationToken))
            .Select(s => s.ToTenantInfo()).ToList();

    public void Evict(TenantInfo tenant)
    {
        cache.Remove(("school-slug", tenant.Slug));
        cache.Remove(("school-id", tenant.Id));
    }
}
