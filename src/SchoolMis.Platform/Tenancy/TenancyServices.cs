using Microsoft.Extensions.DependencyInjection;

namespace SchoolMis.Platform.Tenancy;

public static class TenancyServices
{
    /// <summary>The scoped tenant context (read and write sides) and the scope factory for background work.</summary>
    public static IServiceCollection AddTenancy(this IServiceCollection services)
    {
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddScoped<ITenantContextSetter>(sp => sp.GetRequiredService<TenantContext>());
        services.AddSingleton<TenantScopeFactory>();
        services.AddHttpContextAccessor();
        services.AddScoped<Security.ICurrentUser, Security.HttpCurrentUser>();
        return services;
    }
}
