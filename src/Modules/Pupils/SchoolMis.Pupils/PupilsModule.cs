using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Platform.Data;
using SchoolMis.Platform.Imports.Ctf;
using SchoolMis.Platform.Security;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Pupils.Data;
using SchoolMis.Pupils.Features.ListPupils;
using SchoolMis.Pupils.Features.ViewPupil;

namespace SchoolMis.Pupils;

public static class PupilsModule
{
    public static IServiceCollection AddPupilsModule(this IServiceCollection services, DatabaseSettings database)
    {
        // Scoped, never pooled: the context captures the school when it is built.
        services.AddDbContext<PupilsDbContext>(database.ConfigureInScope);
        services.AddScoped<SchoolMis.Platform.Imports.IImportDataset, Features.Imports.RegistrationGroupsDataset>();
        services.AddScoped<SchoolMis.Platform.Imports.IImportDataset, Features.Imports.PupilsDataset>();
        services.AddScoped<SchoolMis.Platform.Imports.IImportDataset, Features.Imports.ContactsDataset>();
        services.AddScoped<SchoolMis.Platform.Imports.IImportDataset, Features.Imports.SchoolHistoryDataset>();
        services.AddScoped<Features.Imports.PhotosImport>();
        // The CTF sections drive the same datasets (the pupils one matches by UPN instead of externalId).
        services.AddScoped<Features.Imports.ContactsDataset>();
        services.AddScoped<Features.Imports.SchoolHistoryDataset>();
        services.AddScoped<Features.Imports.Ctf.CtfPupilsDataset>();
        services.AddCtfSection<Features.Imports.Ctf.CtfPupilsSection>(Features.Imports.Ctf.CtfPupilsSection.Reads);
        services.AddCtfSection<Features.Imports.Ctf.CtfContactsSection>(Features.Imports.Ctf.CtfContactsSection.Reads);
        services.AddCtfSection<Features.Imports.Ctf.CtfSchoolHistorySection>(Features.Imports.Ctf.CtfSchoolHistorySection.Reads);
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

        app.MapPost("/api/v1/schools/{school}/imports/photos", async (HttpRequest request, bool? dryRun, Features.Imports.PhotosImport photos, CancellationToken ct) =>
        {
            if (request.ContentType?.Split(';')[0].Trim() != "application/zip")
                return Results.Problem(statusCode: 415, title: "Unsupported Media Type", detail: "Send the photos as application/zip.");
            return Results.Ok(await photos.ImportAsync(request.Body, dryRun == true, ct));
        }).RequireAuthorization(Policies.ApiImport).WithTags("Imports").WithSummary("Import pupil photos: a zip of [AdmissionNo].jpg");

        app.MapGet("/schools/{school}/pupils/{id:guid}/photo", async (Guid id, PupilsDbContext db, CancellationToken ct) =>
        {
            var photo = await db.Photos.AsNoTracking().Where(p => p.PupilId == id).Select(p => p.Jpeg).FirstOrDefaultAsync(ct);
            return photo is null ? Results.NotFound() : Results.File(photo, "image/jpeg");
        }).RequireAuthorization(Policies.SchoolStaff).ExcludeFromDescription();
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
