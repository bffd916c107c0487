using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Medical.Data;
using SchoolMis.Medical.Features.Access;
using SchoolMis.Medical.Features.Record;
using SchoolMis.Platform.Data;
using SchoolMis.Platform.Imports.Ctf;
using SchoolMis.Platform.Security;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Medical;

public static class MedicalModule
{
    public static IServiceCollection AddMedicalModule(this IServiceCollection services, DatabaseSettings database)
    {
        services.AddDbContext<MedicalDbContext>(database.ConfigureInScope);
        services.AddScoped<MedicalAccess>();
        services.AddScoped<SchoolMis.Platform.Imports.IImportDataset, Features.Imports.MedicalDataset>();
        services.AddScoped<Features.Imports.MedicalDataset>();
        services.AddCtfSection<Features.Imports.Ctf.CtfMedicalSection>(Features.Imports.Ctf.CtfMedicalSection.Reads);
        return services;
    }

    public static IEndpointRouteBuilder MapMedicalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/schools/{school}/pupils/{id:guid}/medical", GetRecord)
            .RequireAuthorization(Policies.ApiRead).WithTags("Medical")
            .WithSummary("A pupil's medical record (clients granted the school itself; never through an LA grant)");
        return app;
    }

    private static async Task<IResult> GetRecord(Guid id, ISender sender, HttpContext http, ITenantContext tenant, CancellationToken ct)
    {
        // An LA-wide grant reaches census data, not medical detail: only a client granted this school reads it.
        var schoolId = tenant.Current.Id.ToString();
        if (!http.User.Claims.Any(c => c.Type == SchoolMisClaims.School && string.Equals(c.Value, schoolId, StringComparison.OrdinalIgnoreCase)))
            return Forbidden("Medical records are available only to clients granted this school, not through a local authority grant.");
        try
        {
            return TypedResults.Ok(MedicalRecordResponse.From(await sender.Send(new GetMedicalRecordQuery(id), ct)));
        }
        catch (MedicalAccessDeniedException denied)
        {
            return Forbidden(denied.Message);
        }
    }

    /// <summary>The API's shape: kinds and severities as the import spells them (lower case words), not enum numbers.</summary>
    internal sealed record MedicalRecordResponse(Guid PupilId, string? PupilExternalId, string? Alert, IReadOnlyList<MedicalRecordItem> Items,
        DoctorView? Doctor, IReadOnlyList<MedicalRecordEvent> Events)
    {
        public static MedicalRecordResponse From(MedicalRecordView v) => new(v.PupilId, v.PupilExternalId, v.AlertLabel,
            v.Items.Select(i => new MedicalRecordItem(i.Id, i.ExternalId, i.Kind.ToString().ToLowerInvariant(), i.Description,
                i.Severity?.ToString().ToLowerInvariant(), i.Alert, i.RaisesAlert, i.Notes, i.Dose, i.Timing, i.Storage, i.Expiry)).ToList(),
            v.Doctor,
            v.Events.Select(e => new MedicalRecordEvent(e.Id, e.Date, e.Time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString()), e.Description, e.GivenBy, e.ParentInformed, e.RecordedBy,
                e.RecordedAt)).ToList());
    }

    internal sealed record MedicalRecordItem(Guid Id, string? ExternalId, string Kind, string Description, string? Severity, bool Alert,
        bool RaisesAlert, string? Notes, string? Dose, string? Timing, string? Storage, DateOnly? Expiry);

    internal sealed record MedicalRecordEvent(Guid Id, DateOnly Date, string Time, string Kind, string Description, string GivenBy,
        bool ParentInformed, string RecordedBy, DateTimeOffset RecordedAt);

    private static IResult Forbidden(string detail) => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}
