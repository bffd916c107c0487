using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Platform.Data;
using SchoolMis.Platform.Imports.Ctf;
using SchoolMis.Platform.Security;
using SchoolMis.Platform.Tenancy;
using SchoolMis.Platform.Web;
using SchoolMis.Sen.Data;
using SchoolMis.Sen.Features;
using SchoolMis.Sen.Features.PupilSen;

namespace SchoolMis.Sen;

public static class SenModule
{
    public static IServiceCollection AddSenModule(this IServiceCollection services, DatabaseSettings database)
    {
        services.AddDbContext<SenDbContext>(database.ConfigureInScope);
        services.AddScoped<SenAccess>();
        services.AddScoped<SchoolMis.Platform.Imports.IImportDataset, Features.Imports.SenDataset>();
        services.AddScoped<Features.Imports.SenDataset>();
        services.AddCtfSection<Features.Imports.Ctf.CtfSenSection>(Features.Imports.Ctf.CtfSenSection.Reads);
        services.AddPupilProfilePanel<SenPanel>(order: 10);
        return services;
    }

    public static IEndpointRouteBuilder MapSenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/schools/{school}/pupils/{pupilId:guid}/sen", GetPupilSen)
            .RequireAuthorization(Policies.ApiRead).WithTags("SEN").WithSummary("A pupil's SEN provision history, needs and EHC plan review");
        return app;
    }

    internal sealed record SenPeriodResponse(Guid Id, string Provision, DateOnly? StartDate, DateOnly? EndDate, IReadOnlyList<SenNeedResponse> Needs,
        DateOnly? PlanIssueDate, DateOnly? PlanLastReviewDate, DateOnly? ReviewDue, bool ReviewOverdue, bool SenUnit, bool ResourcedProvision);
    internal sealed record SenNeedResponse(string Type, int Rank);

    private static async Task<IResult> GetPupilSen(Guid pupilId, ISender sender, HttpContext http, ITenantContext tenant, CancellationToken ct)
    {
        // SEN detail is the school's: a client acting for a whole LA reaches the school's other data, never this.
        var schoolId = tenant.Current.Id.ToString();
        if (!http.User.Claims.Any(c => c.Type == SchoolMisClaims.School && string.Equals(c.Value, schoolId, StringComparison.OrdinalIgnoreCase)))
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "SEN records are visible only to the school's own clients.");
        var record = await sender.Send(new GetPupilSenQuery(pupilId), ct);
        return TypedResults.Ok(new
        {
            pupilId,
            current = record.Current?.Provision,
            periods = record.Periods.Select(p => new SenPeriodResponse(p.Id, p.Provision, p.StartDate, p.EndDate,
                [.. p.Needs.Select(n => new SenNeedResponse(n.Type, n.Rank))], p.PlanIssueDate, p.PlanLastReviewDate, p.ReviewDue, p.ReviewOverdue,
                p.SenUnit, p.ResourcedProvision)),
        });
    }
}
