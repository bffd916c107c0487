using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Exclusions.Data;
using SchoolMis.Exclusions.Domain;
using SchoolMis.Platform.Imports;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Exclusions.Features.Imports;

/// <summary>
/// The <c>exclusions</c> dataset of API.md. History from the previous MIS keeps its codes (FIXD, OT before 2020/21).
/// It writes no E marks: the old MIS's registers arrive with their own marks in the attendance-marks dataset.
/// </summary>
public sealed record ExclusionRow(string? ExternalId, string? PupilExternalId, string? Category, DateOnly? StartDate, DateOnly? EndDate,
    IReadOnlyList<string>? Reasons, int? Sessions, DateOnly? ReinstatementDate = null, string? Notes = null, bool? AlternativeProvision = null);

internal sealed class ExclusionRowValidator : AbstractValidator<ExclusionRow>
{
    public ExclusionRowValidator()
    {
        RuleFor(r => r.ExternalId).NotEmpty().MaximumLength(100);
        RuleFor(r => r.PupilExternalId).NotEmpty();
        RuleFor(r => r).Custom((r, context) =>
        {
            foreach (var (field, message) in ExclusionRules.Check(r.Category, r.StartDate, r.EndDate, r.Reasons, r.ReinstatementDate))
                context.AddFailure(field, message);
        });
        RuleFor(r => r.Sessions).NotNull().WithMessage("Give the sessions missed.").InclusiveBetween(0, 1000);
        RuleFor(r => r.Notes).MaximumLength(2000);
    }
}

internal sealed class ExclusionsDataset(ExclusionsDbContext db, IValidator<ExclusionRow> validator, ISender sender)
    : ImportDataset<ExclusionRow>(db, validator)
{
    public override string Name => "exclusions";

    public override Task<int> CountAsync(CancellationToken cancellationToken) => db.Exclusions.CountAsync(cancellationToken);

    protected override string? KeyOf(ExclusionRow row) => row.ExternalId;

    protected override async Task<IReadOnlyList<RowOutcome?>> UpsertAsync(IReadOnlyList<(int Row, ExclusionRow Data)> batch, List<ImportError> errors,
        CancellationToken cancellationToken)
    {
        var pupils = (await sender.Send(new FindPupilsByExternalIdQuery(batch.Select(b => b.Data.PupilExternalId!).Distinct().ToList()), cancellationToken))
            .ToDictionary(p => p.ExternalId!);
        var ids = batch.Select(b => b.Data.ExternalId!).ToList();
        var existing = await db.Exclusions.Where(e => e.ExternalId != null && ids.Contains(e.ExternalId)).ToDictionaryAsync(e => e.ExternalId!, cancellationToken);
        var outcomes = new List<RowOutcome?>();
        foreach (var (row, data) in batch)
        {
            if (!pupils.TryGetValue(data.PupilExternalId!, out var pupil))
            {
                errors.Add(ImportError.UnknownPupil(row, data.ExternalId, data.PupilExternalId));
                outcomes.Add(null);
                continue;
            }
            var isNew = !existing.TryGetValue(data.ExternalId!, out var exclusion);
            exclusion ??= new Exclusion { ExternalId = data.ExternalId };
            var before = Snapshot(exclusion);
            exclusion.PupilId = pupil.PupilId;
            exclusion.Category = data.Category!.Trim().ToUpperInvariant();
            exclusion.StartDate = data.StartDate!.Value;
            exclusion.EndDate = data.EndDate;
            exclusion.SetReasons(ExclusionRules.Normalise(data.Reasons));
            exclusion.Sessions = data.Sessions!.Value;
            exclusion.ReinstatementDate = data.ReinstatementDate;
            exclusion.Notes = string.IsNullOrWhiteSpace(data.Notes) ? null : data.Notes.Trim();
            exclusion.AlternativeProvision = data.AlternativeProvision ?? false;
            if (isNew)
            {
                db.Exclusions.Add(exclusion);
                outcomes.Add(RowOutcome.Created);
            }
            else
                outcomes.Add(before == Snapshot(exclusion) ? RowOutcome.Unchanged : RowOutcome.Updated);
        }
        return outcomes;
    }

    private static string Snapshot(Exclusion e) =>
        $"{e.PupilId}|{e.Category}|{e.StartDate}|{e.EndDate}|{string.Join(",", e.Reasons)}|{e.Sessions}|{e.ReinstatementDate}|{e.Notes}|{e.AlternativeProvision}";
}
