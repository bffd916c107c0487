using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Attendance.Contracts;
using SchoolMis.Exclusions.Data;
using SchoolMis.Exclusions.Domain;
using SchoolMis.Platform.Data;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Tenancy;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Exclusions.Features.RecordExclusion;

/// <summary>
/// Records a new exclusion (<paramref name="ExclusionId"/> null) or changes one. Sessions left empty are counted from
/// the school calendar. Without alternative provision the pupil's register gets E for the sessions; changing the
/// dates (or the provision) re-applies the marks.
/// </summary>
public sealed record RecordExclusionCommand(Guid? ExclusionId, Guid PupilId, string? Category, DateOnly? StartDate, DateOnly? EndDate,
    IReadOnlyList<string>? Reasons, int? Sessions, DateOnly? ReinstatementDate, string? Notes, bool AlternativeProvision)
    : ICommand<ExclusionSaved>;

/// <param name="Warning">Set when the pupil's suspensions in the academic year now pass 45 school days.</param>
public sealed record ExclusionSaved(Guid ExclusionId, int Sessions, ExclusionMarksResult? Marks, string? Warning);

internal sealed class RecordExclusionValidator : AbstractValidator<RecordExclusionCommand>
{
    public RecordExclusionValidator()
    {
        RuleFor(c => c.PupilId).NotEmpty().WithMessage("Choose the pupil.");
        RuleFor(c => c).Custom((c, context) =>
        {
            foreach (var (field, message) in ExclusionRules.Check(c.Category, c.StartDate, c.EndDate, c.Reasons, c.ReinstatementDate))
                context.AddFailure(field, message);
        });
        RuleFor(c => c.EndDate).NotNull().When(c => c.Category is not null && ExclusionCodes.IsSuspension(c.Category))
            .WithMessage("Enter the last day of the suspension.");
        RuleFor(c => c.Sessions).InclusiveBetween(0, 1000).WithMessage("Sessions missed must be between 0 and 1000.");
        RuleFor(c => c.Sessions).NotNull().When(c => c.Category == ExclusionCodes.Permanent)
            .WithMessage("Enter the sessions missed: a permanent exclusion has no end date to count them to.");
        RuleFor(c => c.Notes).MaximumLength(2000);
    }
}

public sealed class RecordExclusionHandler(TenantScopeFactory scopes, ITenantContext tenant)
    : ICommandHandler<RecordExclusionCommand, ExclusionSaved>
{
    public async ValueTask<ExclusionSaved> Handle(RecordExclusionCommand command, CancellationToken cancellationToken)
    {
        // The exclusion and its E marks are written by two modules: one shared transaction makes them all or nothing.
        return await scopes.RunAsync(tenant.Current.Id, async (services, ct) =>
        {
            var shared = services.GetRequiredService<SharedTransaction>();
            await shared.BeginAsync(ct);
            var db = services.GetRequiredService<ExclusionsDbContext>();
            var sender = services.GetRequiredService<ISender>();
            var saved = await SaveAsync(db, sender, command, ct);
            await shared.CommitAsync(ct);
            return saved;
        }, cancellationToken);
    }

    private static async Task<ExclusionSaved> SaveAsync(ExclusionsDbContext db, ISender sender, RecordExclusionCommand command, CancellationToken ct)
    {
        _ = (await sender.Send(new GetPupilSummariesQuery([command.PupilId]), ct)).SingleOrDefault()
            ?? throw new NotFoundException("No such pupil at this school.");
        Exclusion exclusion;
        if (command.ExclusionId is { } id)
        {
            exclusion = await db.Exclusions.SingleOrDefaultAsync(e => e.Id == id && e.PupilId == command.PupilId, ct)
                ?? throw new NotFoundException("No such exclusion at this school.");
        }
        else
        {
            exclusion = new Exclusion { PupilId = command.PupilId };
            db.Exclusions.Add(exclusion);
        }

        var category = command.Category!.Trim().ToUpperInvariant();
        var start = command.StartDate!.Value;
        var end = category == ExclusionCodes.Lunchtime ? command.EndDate ?? start : command.EndDate;
        var schoolDays = end is { } last ? await sender.Send(new GetSchoolDaysQuery(start, last), ct) : [];
        var sessions = command.Sessions ?? ExclusionRules.SessionsFor(category, schoolDays.Count)!.Value;

        exclusion.Category = category;
        exclusion.StartDate = start;
        exclusion.EndDate = end;
        exclusion.SetReasons(ExclusionRules.Normalise(command.Reasons));
        exclusion.Sessions = sessions;
        exclusion.ReinstatementDate = command.ReinstatementDate;
        exclusion.Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim();
        exclusion.AlternativeProvision = command.AlternativeProvision;
        await db.SaveChangesAsync(ct);

        var marks = await ApplyMarksAsync(sender, exclusion, schoolDays, ct);
        var warning = await SuspensionWarning.ForAsync(db, sender, exclusion.PupilId, start, ct);
        return new ExclusionSaved(exclusion.Id, sessions, marks, warning);
    }

    /// <summary>Asks Attendance to show E for the sessions (or to take back E marks no longer due).</summary>
    internal static async Task<ExclusionMarksResult> ApplyMarksAsync(ISender sender, Exclusion exclusion, IReadOnlyList<DateOnly> schoolDays,
        CancellationToken ct)
    {
        var days = schoolDays;
        if (exclusion.Category == ExclusionCodes.Permanent && !exclusion.AlternativeProvision)
            days = await sender.Send(new GetSchoolDaysQuery(exclusion.StartDate, exclusion.StartDate.AddDays(366)), ct);
        var marked = ExclusionRules.DaysMarkedE(exclusion.Category, exclusion.AlternativeProvision, exclusion.Sessions, days);
        // The register's amendment reason names the record, not its detail: teachers see registers, never exclusions.
        return await sender.Send(new RecordExclusionMarksCommand(exclusion.PupilId, exclusion.Id, marked,
            $"Exclusion recorded by the school office (starting {exclusion.StartDate:d MMM yyyy})"), ct);
    }
}

/// <summary>The 45-school-day warning for a pupil's academic year.</summary>
internal static class SuspensionWarning
{
    public static async Task<string?> ForAsync(ExclusionsDbContext db, ISender sender, Guid pupilId, DateOnly date, CancellationToken ct)
    {
        var year = await sender.Send(new GetAcademicYearQuery(date), ct);
        var rows = await db.Exclusions.AsNoTracking()
            .Where(e => e.PupilId == pupilId && e.StartDate >= year.StartDate && e.StartDate <= year.EndDate)
            .Select(e => new { e.Category, e.Sessions }).ToListAsync(ct);
        var total = rows.Where(r => ExclusionRules.CountsTowardsLimit(r.Category)).Sum(r => r.Sessions);
        return Describe(year.Name, total);
    }

    public static string? Describe(string yearName, int sessions) => ExclusionRules.PassesSuspensionLimit(sessions)
        ? $"This pupil's suspensions in {yearName} total {sessions} sessions ({sessions / 2.0:0.#} school days): more than the 45 school days (90 sessions) allowed in an academic year."
        : null;
}
