using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Meals.Data;
using SchoolMis.Meals.Features.Imports;
using SchoolMis.Meals.Features.Imports.Ctf;
using SchoolMis.Platform.Data;
using SchoolMis.Platform.Imports;
using SchoolMis.Platform.Imports.Ctf;

namespace SchoolMis.Meals;

public static class MealsModule
{
    public static IServiceCollection AddMealsModule(this IServiceCollection services, DatabaseSettings database)
    {
        services.AddDbContext<MealsDbContext>(database.ConfigureInScope);
        services.AddScoped<IImportDataset, MealTypesDataset>();
        services.AddScoped<IImportDataset, MealsDataset>();
        services.AddScoped<IImportDataset, FsmPeriodsDataset>();
        services.AddScoped<FsmPeriodsDataset>();
        services.AddCtfSection<CtfFsmSection>(CtfFsmSection.Reads);
        return services;
    }
}
