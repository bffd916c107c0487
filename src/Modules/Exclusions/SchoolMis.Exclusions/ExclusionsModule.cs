using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Exclusions.Data;
using SchoolMis.Platform.Data;

namespace SchoolMis.Exclusions;

/// <summary>
/// Exclusions: school admins only (teachers and LA officers never see exclusion detail), through its pages and the
/// import dataset. It has no read API of its own.
/// </summary>
public static class ExclusionsModule
{
    public static IServiceCollection AddExclusionsModule(this IServiceCollection services, DatabaseSettings database)
    {
        services.AddDbContext<ExclusionsDbContext>(database.ConfigureInScope);
        services.AddScoped<SchoolMis.Platform.Imports.IImportDataset, Features.Imports.ExclusionsDataset>();
        return services;
    }
}
