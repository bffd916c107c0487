using Microsoft.Extensions.DependencyInjection;

namespace SchoolMis.Platform.Tenancy;

/// <summary>
/// Runs background work (seeding, queued imports, nightly jobs) in a fresh DI scope that acts for one school,
/// the analogue of Finbuckle's MultiTenantDbContext.Create. Work outside a request must come through here.
/// </summary>
public sealed class TenantScopeFactory(IServiceScopeFactory scopes)
{
    public async Task RunAsync(Guid tenantId, Func<IServiceProvider, CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(tenantId, cancellationToken)
            ?? throw new InvalidOperationException($"School {tenantId} does not exist.");
        scope.ServiceProvider.GetRequiredService<ITenantContextSetter>().Set(tenant);
        await work(scope.ServiceProvider, cancellationToken);
    }

    public async Task<T> RunAsync<T>(Guid tenantId, Func<IServiceProvider, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        T result = default!;
        await RunAsync(tenantId, async (sp, ct) => { result = await work(sp, ct); }, cancellationToken);
        return result;
    }
}
