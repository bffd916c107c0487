using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform.Imports;
using SchoolMis.Pupils.Data;
using SchoolMis.Pupils.Domain;

namespace SchoolMis.Pupils.Features.Imports;

/// <summary>
/// The <c>school-history</c> dataset: the schools a pupil attended before this one. The natural key is the pupil,
/// the school (LA + establishment, or URN, or name) and the entry date.
/// </summary>
public sealed record SchoolHistoryRow(string? PupilExternalId, string? LaCode, string? Estab, string? Urn, string? SchoolName,
    DateOnly? EntryDate, DateOnly? LeavingDate, string? LeavingReason)
{
    internal string School => LaCode is not null && Estab is not null ? LaCode + Estab : Urn ?? SchoolName ?? "";
}

internal sealed class SchoolHistoryRowValidator : AbstractValidator<SchoolHistoryRow>
{
    public SchoolHistoryRowValidator()
    {
        RuleFor(r => r.PupilExternalId).NotEmpty();
        // MMM/MMMM: destination unknown; XXX/XXXX: outside the maintained sector (the census LA code list).
        RuleFor(r => r.LaCode).Matches("^([0-9]{3}|MMM|XXX)$").When(r => r.LaCode is not null)
            .WithMessage("laCode is a three-digit LA code (or MMM, XXX).");
        RuleFor(r => r.Estab).Matches("^([0-9]{4}|MMMM|XXXX)$").When(r => r.Estab is not null)
            .WithMessage("estab is a four-digit establishment number (or MMMM, XXXX).");
        RuleFor(r => r.Urn).Matches("^[0-9]{6}$").When(r => r.Urn is not null).WithMessage("urn is six digits.");
        RuleFor(r => r.SchoolName).MaximumLength(200);
        RuleFor(r => r).Must(r => r.SchoolName is not null || (r.LaCode is not null && r.Estab is not null) || r.Urn is not null)
            .WithName("schoolName").WithMessage("Name the school: schoolName, laCode and estab, or urn.");
        RuleFor(r => r.LeavingDate).Must((r, left) => left is null || r.EntryDate is null || left >= r.EntryDate)
            .WithMessage("leavingDate cannot be before entryDate.");
        RuleFor(r => r.LeavingReason).MaximumLength(200);
    }
}

internal sealed class SchoolHistoryDataset(PupilsDbContext db, IValidator<SchoolHistoryRow> validator) : ImportDataset<SchoolHistoryRow>(db, validator)
{
    public override string Name => "school-history";

    public override Task<int> CountAsync(CancellationToken cancellationToken) => db.PreviousSchools.CountAsync(cancellationToken);

    protected override string? KeyOf(SchoolHistoryRow row) => $"{row.PupilExternalId}/{row.School}/{row.EntryDate:yyyy-MM-dd}";

    protected override async Task<IReadOnlyList<RowOutcome?>> UpsertAsync(IReadOnlyList<(int Row, SchoolHistoryRow Data)> batch,
        List<ImportError> errors, CancellationToken cancellationToken)
    {
        var keys = batch.Select(b => b.Data.PupilExternalId!).Distinct().ToList();
        var pupils = await db.Pupils.Where(p => p.ExternalId != null && keys.Contains(p.ExternalId))
            .ToDictionaryAsync(p => p.ExternalId!, p => p.Id, cancellationToken);
        var pupilIds = pupils.Values.ToList();
        var existing = (await db.PreviousSchools.Where(s => pupilIds.Contains(s.PupilId)).ToListAsync(cancellationToken))
            .ToLookup(s => s.PupilId);

        var outcomes = new List<RowOutcome?>();
        foreach (var (row, data) in batch)
        {
            if (!pupils.TryGetValue(data.PupilExternalId!, out var pupilId))
            {
                errors.Add(ImportError.UnknownPupil(row, KeyOf(data), data.PupilExternalId));
                outcomes.Add(null);
                continue;
            }
            var school = existing[pupilId].FirstOrDefault(s => s.EntryDate == data.EntryDate && Key(s) == data.School);
            if (school is null)
            {
                school = new PreviousSchool { PupilId = pupilId, SchoolName = "" };
                Apply(school, data);
                db.PreviousSchools.Add(school);
                outcomes.Add(RowOutcome.Created);
                continue;
            }
            Apply(school, data);
            db.ChangeTracker.DetectChanges();
            outcomes.Add(db.Entry(school).State == EntityState.Modified ? RowOutcome.Updated : RowOutcome.Unchanged);
        }
        return outcomes;
    }

    private static string Key(PreviousSchool s) => s.LaCode is not null && s.Estab is not null ? s.LaCode + s.Estab : s.Urn ?? s.SchoolName;

    private static void Apply(PreviousSchool school, SchoolHistoryRow data)
    {
        school.LaCode = data.LaCode;
        school.Estab = data.Estab;
        school.Urn = data.Urn;
        school.SchoolName = data.SchoolName?.Trim() ?? (data.LaCode is not null ? $"School {data.LaCode}/{data.Estab}" : $"URN {data.Urn}");
        school.EntryDate = data.EntryDate;
        school.LeavingDate = data.LeavingDate;
        school.LeavingReason = string.IsNullOrWhiteSpace(data.LeavingReason) ? null : data.LeavingReason.Trim();
    }
}
