using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Attendance.Data;
using SchoolMis.Attendance.Domain;
using SchoolMis.Attendance.Features.Registers;
using SchoolMis.Attendance.Features.Statistics;
using SchoolMis.Platform.Data;
using SchoolMis.Platform.Imports.Ctf;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Attendance;

public static class AttendanceModule
{
    public static IServiceCollection AddAttendanceModule(this IServiceCollection services, DatabaseSettings database)
    {
        services.AddDbContext<AttendanceDbContext>(database.ConfigureInScope);
        services.AddScoped<CalendarCache>();
        services.AddScoped<SchoolMis.Platform.Imports.IImportDataset, Features.Imports.AttendanceMarksDataset>();
        services.AddScoped<Features.Imports.AttendanceMarksDataset>();
        services.AddCtfSection<Features.Imports.Ctf.CtfAttendanceSection>(Features.Imports.Ctf.CtfAttendanceSection.Reads);
        return services;
    }

    public static IEndpointRouteBuilder MapAttendanceEndpoints(this IEndpointRouteBuilder app)
    {
        var registers = app.MapGroup("/api/v1/schools/{school}/registers/{group}/{date}/{session}").WithTags("Attendance");
        registers.MapGet("/", GetRegister).RequireAuthorization(Policies.ApiRead).WithSummary("The pupils on a register and their marks");
        registers.MapPut("/", PutRegister).RequireAuthorization(Policies.ApiImport).WithSummary("Record or amend a register's marks");

        app.MapGet("/schools/{school}/attendance/statistics.csv", async (ISender sender, string? from, string? to, Guid? group, CancellationToken ct) =>
        {
            if (!DateOnly.TryParse(from, out var f) || !DateOnly.TryParse(to, out var t))
                return Results.BadRequest("Give from and to dates as yyyy-MM-dd.");
            var stats = await sender.Send(new GetAttendanceStatisticsQuery(f, t, group), ct);
            return Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(StatisticsCsv.Write(stats))).ToArray(),
                "text/csv; charset=utf-8", $"attendance-{f:yyyy-MM-dd}-to-{t:yyyy-MM-dd}.csv");
        }).RequireAuthorization(Policies.SchoolStaff).ExcludeFromDescription();
        return app;
    }

    internal sealed record RegisterResponse(RegisterGroup Group, DateOnly Date, string Session, bool IsSchoolDay, int Version,
        IReadOnlyList<RegisterMark> Marks);
    internal sealed record RegisterGroup(string? ExternalId, string Code, string Name);
    internal sealed record RegisterMark(string? PupilExternalId, Guid PupilId, string Name, string Upn, string? Code, int? MinutesLate,
        string? Comment, bool Amended);
    internal sealed record PutRegisterRequest(IReadOnlyList<PutMark>? Marks, string? Reason);
    internal sealed record PutMark(string? PupilExternalId, Guid? PupilId, string? Code, int? MinutesLate, string? Comment);

    private static async Task<IResult> GetRegister(string group, string date, string session, ISender sender, HttpContext http, CancellationToken ct)
    {
        if (await ResolveAsync(group, date, session, sender, ct) is not { } key)
            return Invalid(date, session);
        var view = await sender.Send(new GetRegisterQuery(key.GroupId, key.Date, key.Session), ct);
        http.Response.Headers.ETag = $"\"{view.Version}\"";
        return TypedResults.Ok(ToResponse(view));
    }

    private static async Task<IResult> PutRegister(string group, string date, string session, PutRegisterRequest body, ISender sender,
        HttpContext http, CancellationToken ct)
    {
        // The group is looked up once, inside the save.
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out var day) || session is not ("AM" or "PM"))
            return Invalid(date, session);

        // Optional optimistic concurrency for API callers: If-Match with the ETag of the register they read.
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        int? expected = ifMatch.Length > 0 && ifMatch != "*" ? int.TryParse(ifMatch.Trim('"'), out var v) ? v : -1 : null;

        var marks = body.Marks ?? [];
        var failures = marks.Select((m, i) => (m, i)).Where(x => string.IsNullOrWhiteSpace(x.m.Code))
            .Select(x => new ValidationFailure($"Marks[{x.i}].Code", "Give the attendance code.")).ToList();
        if (failures.Count > 0)
            throw new ValidationException(failures);
        var entries = marks.Select(m => new MarkEntry(m.PupilId ?? Guid.Empty, m.Code, m.MinutesLate, m.Comment, PupilExternalId: m.PupilExternalId)).ToList();

        // One use case, one request: the save reads the register, checks, writes and reports in a handful of statements.
        var result = await sender.Send(new TakeRegisterCommand(Guid.Empty, day, session == "AM" ? Session.AM : Session.PM, entries, body.Reason,
            SeenCodesGiven: false, ExpectedVersion: expected, GroupExternalIdOrCode: group), ct);
        http.Response.Headers.ETag = $"\"{result.Version}\"";
        return TypedResults.Ok(new { result.Recorded, result.Amended, result.Unchanged, result.StillUnmarked, result.RecordedAsU });
    }

    private static RegisterResponse ToResponse(RegisterView view) => new(
        new RegisterGroup(view.GroupExternalId, view.GroupCode, view.GroupName), view.Date, view.Session.ToString(), view.IsSchoolDay, view.Version,
        view.Rows.Select(r => new RegisterMark(r.PupilExternalId, r.PupilId, r.Name, r.Upn, r.Code, r.MinutesLate, r.Comment, r.Amended)).ToList());

    private static async Task<(Guid GroupId, DateOnly Date, Session Session)?> ResolveAsync(string group, string date, string session, ISender sender, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out var d) || session is not ("AM" or "PM"))
            return null;
        var found = await sender.Send(new FindRegistrationGroupQuery(ExternalIdOrCode: group), ct)
            ?? throw new Platform.Messaging.NotFoundException($"No registration group '{group}' at this school.");
        return (found.RegistrationGroupId, d, session == "AM" ? Session.AM : Session.PM);
    }

    private static IResult Invalid(string date, string session)
    {
        var errors = new Dictionary<string, string[]>();
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out _))
            errors["date"] = [$"'{date}' is not a date in the form yyyy-MM-dd."];
        if (session is not ("AM" or "PM"))
            errors["session"] = ["The session is AM or PM."];
        return Results.ValidationProblem(errors, detail: "The register's address is not valid.");
    }
}
