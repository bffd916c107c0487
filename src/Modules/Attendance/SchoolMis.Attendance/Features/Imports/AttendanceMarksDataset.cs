using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Data;
using SchoolMis.Attendance.Domain;
using SchoolMis.Platform.Imports;
using SchoolMis.Platform.Security;
using SchoolMis.Platform.Tenancy;
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
    TimeProvider clock, ITenantContext tenant) : ImportDataset<AttendanceMarkRow>(db, validator)
{
    /// <summary>
    /// Pupils found so far in this request (the dataset is scoped): a migrated school's marks name the same 2,000
    /// pupils in every batch, so each is looked up once. Only found pupils are kept; an unknown one is asked for again.
    /// </summary>
    private readonly Dictionary<string, PupilSummary> _pupils = new(StringComparer.Ordinal);

    /// <summary>How many marks this import has written so far, per date (see <see cref="MayHoldAnyOfAsync"/>).</summary>
    private readonly Dictionary<DateOnly, int> _written = [];

    /// <summary>The error list of the import in progress: the pipeline passes a new one to each import (call).</summary>
    private List<ImportError>? _call;

    /// <summary>A batch spanning at most this many days is checked by counting the school's marks on those days.</summary>
    private const int CountCheckDays = 7;

    public override string Name => "attendance-marks";

    public override Task<int> CountAsync(CancellationToken cancellationToken) => db.Marks.CountAsync(cancellationToken);

    protected override string? KeyOf(AttendanceMarkRow row) => $"{row.PupilExternalId}/{row.Date:yyyy-MM-dd}/{row.Session}";

    protected override async Task<IReadOnlyList<RowOutcome?>> UpsertAsync(IReadOnlyList<(int Row, AttendanceMarkRow Data)> batch,
        List<ImportError> errors, CancellationToken cancellationToken)
    {
        // Pupils belong to the Pupils module: one contract query per batch (for pupils not seen yet in this request)
        // turns external ids into pupils.
        var unseen = batch.Select(b => b.Data.PupilExternalId!).Where(id => !_pupils.ContainsKey(id)).Distinct().ToList();
        if (unseen.Count > 0)
        {
            foreach (var found in await sender.Send(new FindPupilsByExternalIdQuery(unseen), cancellationToken))
                _pupils[found.ExternalId!] = found;
        }
        if (!ReferenceEquals(errors, _call))
        {
            _call = errors; // a new import: what an earlier one wrote is the school's now, like anyone else's marks
            _written.Clear();
        }
        var pupilIds = batch.Select(b => _pupils.GetValueOrDefault(b.Data.PupilExternalId!)?.PupilId).OfType<Guid>().Distinct().ToList();
        var from = batch.Min(b => b.Data.Date!.Value);
        var to = batch.Max(b => b.Data.Date!.Value);
        // Read, not tracked: a mark is attached only when a changed row amends it.
        var existing = pupilIds.Count == 0 || !await MayHoldAnyOfAsync(from, to, cancellationToken) ? [] : await db.Marks.AsNoTracking()
            .Where(m => pupilIds.Contains(m.PupilId) && m.Date >= from && m.Date <= to)
            .ToDictionaryAsync(m => (m.PupilId, m.Date, m.Session), cancellationToken);

        var now = clock.GetUtcNow();
        var who = $"Import by {user.AuditName}";
        var outcomes = new List<RowOutcome?>(batch.Count);
        var created = new List<AttendanceMark>();
        foreach (var (row, data) in batch)
        {
            if (!_pupils.TryGetValue(data.PupilExternalId!, out var pupil))
            {
                errors.Add(ImportError.UnknownPupil(row, data.PupilExternalId, data.PupilExternalId));
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
                created.Add(mark);
                existing[(pupil.PupilId, date, session)] = mark;
                outcomes.Add(RowOutcome.Created);
            }
            else if (mark.Matches(code.Code, data.MinutesLate, comment))
                outcomes.Add(RowOutcome.Unchanged);
            else
            {
                // A changed row amends the mark like any other change: the entry it replaces is kept.
                if (db.Entry(mark).State == EntityState.Detached && !created.Contains(mark))
                    db.Marks.Attach(mark);
                db.Amendments.Add(mark.Amend(code, data.MinutesLate, comment, "Changed by a re-import from the previous MIS", now, who));
                outcomes.Add(RowOutcome.Updated);
            }
        }

        // New marks are written in bulk on the context's connection and transaction (stamped with this school);
        // where the provider has no bulk path they are added to the context and saved with the batch.
        if (!await NewMarksWriter.TryInsertAsync(db, tenant.TenantId, created, cancellationToken))
            db.Marks.AddRange(created);
        foreach (var mark in created)
            _written[mark.Date] = _written.GetValueOrDefault(mark.Date) + 1;
        return outcomes;
    }

    /// <summary>
    /// Whether the school may already hold a mark that a row of this batch names. The rows of one import never name
    /// the same mark twice (the pipeline refuses duplicate keys), so only marks that were there before this import
    /// (or saved meanwhile) can match. For a batch of a few days, as an export in register order gives (a day's
    /// session for a thousand pupils), one count of the school's marks on those days settles it: if every one was
    /// written by this import, nothing in the batch exists yet, and the search by pupil (a thousand pupil ids) is
    /// skipped. Longer spans (an export by pupil: a few pupils over a year) are searched by pupil, which is cheap then.
    /// </summary>
    private async Task<bool> MayHoldAnyOfAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (to.DayNumber - from.DayNumber >= CountCheckDays)
            return true;
        var ours = _written.Where(w => w.Key >= from && w.Key <= to).Sum(w => w.Value);
        return await db.Marks.CountAsync(m => m.Date >= from && m.Date <= to, cancellationToken) != ours;
    }
}
