using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Data;
using SchoolMis.Attendance.Domain;
using SchoolMis.Platform.Imports;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Attendance.Features.Imports;

/// <summary>The <c>attendance-marks</c> dataset of API.md: register history; the natural key is pupil + date + session.</summary>
public sealed record AttendanceMarkRow(string? PupilExternalId, DateOnly? Date, string? Session, string? Code, int? MinutesLate, string? Comment);

internal sealed class AttendanceMarkRowValidator : AbstractValidator<AttendanceMarkRow>
{
    public AttendanceMarkRowValidator()
    {
        RuleFor(r => r.PupilExternalId).NotEmpty();
        RuleFor(r => r.Date).NotNull();
        RuleFor(r => r.Session).Must(s => s is "AM" or "PM").WithMessage("session is AM or PM.");
        RuleFor(r => r.Code).NotEmpty().Custom((code, context) =>
        {
            // Codes are date-effective: history keeps the codes of its day (H, J, Y...), new marks the 2024 set.
            if (code is not null && context.InstanceToValidate.Date is { } date && AttendanceCodes.Refusal(code, date) is { } refusal)
                context.AddFailure(refusal);
        });
        RuleFor(r => r.MinutesLate).InclusiveBetween(0, 300);
        RuleFor(r => r.Comment).MaximumLength(200);
    }
}

internal sealed class AttendanceMarksDataset(AttendanceDbContext db, IValidator<AttendanceMarkRow> validator, ISender sender, ICurrentUser user,
    TimeProvider clock) : ImportDataset<AttendanceMarkRow>(db, validator)
{
    public override string Name => "attendance-marks";

    public override Task<int> CountAsync(CancellationToken cancellationToken) => db.Marks.CountAsync(cancellationToken);

    protected override string? KeyOf(AttendanceMarkRow row) => $"{row.PupilExternalId}/{row.Date:yyyy-MM-dd}/{row.Session}";

    protected override async Task<IReadOnlyList<RowOutcome?>> UpsertAsync(IReadOnlyList<(int Row, AttendanceMarkRow Data)> batch,
        List<ImportError> errors, CancellationToken cancellationToken)
    {
        // Pupils belong to the Pupils module: one contract query per batch turns external ids into pupils.
        var pupils = (await sender.Send(new FindPupilsByExternalIdQuery(batch.Select(b => b.Data.PupilExternalId!).Distinct().ToList()), cancellationToken))
            .ToDictionary(p => p.ExternalId!);
        var pupilIds = pupils.Values.Select(p => p.PupilId).ToList();
        var from = batch.Min(b => b.Data.Date!.Value);
        var to = batch.Max(b => b.Data.Date!.Value);
        var existing = await db.Marks.Where(m => pupilIds.Contains(m.PupilId) && m.Date >= from && m.Date <= to)
            .ToDictionaryAsync(m => (m.PupilId, m.Date, m.Session), cancellationToken);

        var now = clock.GetUtcNow();
        var who = $"Import by {user.AuditName}";
        var outcomes = new List<RowOutcome?>();
        foreach (var (row, data) in batch)
        {
            if (!pupils.TryGetValue(data.PupilExternalId!, out var pupil))
            {
                errors.Add(new(row, data.PupilExternalId, "pupilExternalId", "unknown-reference",
                    $"No pupil with externalId '{data.PupilExternalId}': import pupils first."));
                outcomes.Add(null);
                continue;
            }
            var date = data.Date!.Value;
            var session = data.Session == "AM" ? Session.AM : Session.PM;
            var code = AttendanceCodes.On(data.Code, date)!;
            var comment = string.IsNullOrWhiteSpace(data.Comment) ? null : data.Comment.Trim();
            if (!existing.TryGetValue((pupil.PupilId, date, session), out var mark))
            {
                mark = AttendanceMark.Record(pupil.PupilId, date, session, code, data.MinutesLate, comment, pupil.RegistrationGroupId, now, who);
                db.Marks.Add(mark);
                existing[(pupil.PupilId, date, session)] = mark;
                outcomes.Add(RowOutcome.Created);
            }
            else if (mark.Matches(code.Code, data.MinutesLate, comment))
                outcomes.Add(RowOutcome.Unchanged);
            else
            {
                // A changed row amends the mark like any other change: the entry it replaces is kept.
                db.Amendments.Add(mark.Amend(code, data.MinutesLate, comment, "Changed by a re-import from the previous MIS", now, who));
                outcomes.Add(RowOutcome.Updated);
            }
        }
        return outcomes;
    }
}
