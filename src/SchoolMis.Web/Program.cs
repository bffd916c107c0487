using Mediator;
using Microsoft.AspNetCore.Diagnostics;
using Scalar.AspNetCore;
using SchoolMis.Attendance;
using SchoolMis.Census;
using SchoolMis.Exclusions;
using SchoolMis.Identity;
using SchoolMis.Medical;
using SchoolMis.Identity.Data;
using SchoolMis.Meals;
using SchoolMis.Migrations;
using SchoolMis.Platform.Data;
using SchoolMis.Platform.Imports;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;
using SchoolMis.Platform.Tenancy;
using SchoolMis.Platform.Web;
using SchoolMis.Pupils;
using SchoolMis.Sen;
using SchoolMis.Web.Components;
using SchoolMis.Web.Features.CtfExport;
using SchoolMis.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
var database = DatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath);

// Platform: tenancy, clock, errors.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMemoryCache();
builder.Services.AddTenancy();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddDbContext<MigrationsDbContext>(database.Configure);

// Modules, explicitly, one line each.
builder.Services.AddIdentityModule(builder.Configuration, builder.Environment, database);
builder.Services.AddPupilsModule(database);
builder.Services.AddAttendanceModule(database);
builder.Services.AddSenModule(database);
builder.Services.AddMealsModule(database);
builder.Services.AddMedicalModule(database);
builder.Services.AddExclusionsModule(database);
builder.Services.AddCensusModule(database);
builder.Services.AddImports(database);

builder.Services.AddValidatorsFromModules();
builder.Services.AddMediator((MediatorOptions o) =>
{
    o.ServiceLifetime = ServiceLifetime.Scoped; // handlers take scoped DbContexts
    o.Assemblies = [typeof(IdentityModule), typeof(SchoolMis.Identity.Contracts.ListSchoolStaffQuery), typeof(PupilsModule), typeof(SchoolMis.Pupils.Contracts.CountPupilsOnRollQuery),
        typeof(AttendanceModule), typeof(SchoolMis.Attendance.Contracts.GetSessionCountsQuery),
        typeof(SenModule), typeof(SchoolMis.Sen.Contracts.GetSenStatusQuery),
        typeof(MealsModule), typeof(SchoolMis.Meals.Contracts.GetSchoolLunchTakenQuery),
        typeof(MedicalModule), typeof(SchoolMis.Medical.Contracts.GetMedicalAlertsQuery),
        typeof(ExclusionsModule), typeof(SchoolMis.Exclusions.Contracts.GetExclusionsStartedQuery),
        typeof(CensusModule)];
    o.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(TenantGuardBehavior<,>), typeof(ValidationBehavior<,>)];
});

builder.Services.AddSchoolMisAuthorization();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddRazorComponents();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddDbContextCheck<IdentityDataContext>("database");

var app = builder.Build();

if (args.Contains("migrate"))
{
    // Deployment step for server databases: `SchoolMis.Web migrate --Database:Provider PostgreSql ...`.
    await DatabaseMigrator.MigrateAsync(app.Services, database);
    await app.Services.InitializeIdentityAsync(app.Configuration);
    return;
}

await Startup.PrepareAsync(app, database);

app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/error",
    CreateScopeForErrors = true,
    StatusCodeSelector = ex => ex is NotFoundException ? StatusCodes.Status404NotFound : StatusCodes.Status500InternalServerError,
});
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api") && !c.Request.Path.StartsWithSegments("/connect"),
    web => web.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));

app.UseSecurityHeaders();
app.MapStaticAssets();
app.UseMiddleware<TenantResolutionMiddleware>();
app.UseAuthentication();
app.UsePasswordChangeGate();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthChecks("/health");
app.MapOpenApi();
app.MapScalarApiReference("/api");
app.MapIdentityEndpoints();
app.MapPupilsEndpoints();
app.MapAttendanceEndpoints();
app.MapSenEndpoints();
app.MapMedicalEndpoints();
app.MapImports();
app.MapMigrationUploads();
app.MapCtfExport();
app.MapCensusEndpoints();
app.MapRazorComponents<App>()
    .AddAdditionalAssemblies(typeof(IdentityModule).Assembly, typeof(PupilsModule).Assembly, typeof(AttendanceModule).Assembly,
        typeof(SenModule).Assembly, typeof(MealsModule).Assembly, typeof(MedicalModule).Assembly, typeof(ExclusionsModule).Assembly,
        typeof(CensusModule).Assembly);

app.Run();
