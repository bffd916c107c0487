using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Census.Data;
using SchoolMis.Census.Features;
using SchoolMis.Census.Returns;
using SchoolMis.Census.Validation;
using SchoolMis.Platform.Data;

namespace SchoolMis.Census;

/// <summary>
/// The School Census: returns for the autumn, spring and summer collections, validation all year, and the local
/// authority's view of its schools. Reads every other module through its contracts.
/// </summary>
public static class CensusModule
{
    public static IServiceCollection AddCensusModule(this IServiceCollection services, DatabaseSettings database)
    {
        services.AddDbContext<CensusDbContext>(database.ConfigureInScope);
        services.AddScoped<CensusGatherer>();
        services.AddScoped<CensusReturns>();
        services.AddScoped<LaCensusReturns>();
        services.AddSingleton<CensusValidator>();
        services.AddCensusRules();
        return services;
    }

    public static IEndpointRouteBuilder MapCensusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapSchoolCensusApi();
        app.MapLaCensusApi();
        return app;
    }
}
