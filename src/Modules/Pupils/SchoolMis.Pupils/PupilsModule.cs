using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Platform.Data;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Data;
using SchoolMis.Pupils.Features.ListPupils;
using SchoolMis.Pupils.Features.ViewPupil;

namespace SchoolMis.Pupils;

public static class PupilsModule
{
    public static IServiceCollection AddPupilsModule(this IServiceCollection services, DatabaseSettings database)
    {
        // Scoped, never pooled: the context captures the school when it is built.
        services.AddDbContext<PupilsDbContext>(database.Configure);
        services.AddScoped<SchoolMis.Platform.Imports.IImportDataset, Features.Imports.RegistrationGroupsDataset>();
        services.AddScoped<SchoolMis.Platform.Imports.IImportDataset, Features.Imports.PupilsDataset>();
        services.AddScoped<SchoolMis.Platform.Imports.IImportDataset, Features.Imports.ContactsDataset>();
        return services;
    }

    /// <summary>The Pupils routes of API.md (scope schoolmis.read).</summary>
    public static IEndpointRouteBuilder MapPupilsEndpoints(this IEndpointRouteBuilder app)
    {
        var pupils = app.MapGroup("/api/v1/schools/{school}/pupils").WithTags("Pupils").RequireAuthorization(Policies.ApiRead);

        pupils.MapGet("/", async (ISender sender, string? search, int? page, int? pageSize, CancellationToken ct) =>
        {
            var result = await sender.Send(new ListPupilsQuery(search, IncludeLeavers: true, Page: page ?? 1, PageSize: pageSize ?? 50), ct);
            return TypedResults.Ok(new PupilListResponse(result.Items.Select(PupilListResponseItem.From).ToList(), result.Total));
        }).WithSummary("Find pupils by name, UPN or admission number");

        pupils.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetPupilQuery(id), ct))).WithSummary("One pupil's record");

        return app;
    }

    internal sealed record PupilListResponse(IReadOnlyList<PupilListResponseItem> Items, int Total);

    internal sealed record PupilListResponseItem(Guid Id, string? ExternalId, string Upn, string Surname, string Forename,
        DateOnly DateOfBirth, string Sex, string NcYear, string AdmissionNumber, string? RegistrationGroup, bool OnRoll)
    {
        public static PupilListResponseItem From(PupilListItem p) => new(p.Id, p.ExternalId, p.Upn, p.Surname, p.Forename,
            p.DateOfBirth, p.Sex, p.NcYear, p.AdmissionNumber, p.RegistrationGroup, p.OnRoll);
    }
}
