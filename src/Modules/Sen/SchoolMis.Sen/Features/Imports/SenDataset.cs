using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform.Imports;
using SchoolMis.Pupils.Contracts;
using SchoolMis.Sen.Data;
using SchoolMis.Sen.Domain;
using SchoolMis.Sen.Features.PupilSen;

namespace SchoolMis.Sen.Features.Imports;

/// <summary>
/// The <c>sen</c> dataset of API.md: provision history from the previous MIS, legacy S, A and P included. The natural
/// key is pupil + startDate (pupil + provision when there is no start). A row without endDate leaves the period's end
/// as it is: an open period followed by a later one ends the day before it.
/// </summary>
/// <param name="SenUnit">Optional: the pupil attends an SEN unit during the period. Left out, a new period is not in one and an existing period keeps what is recorded (as a CTF, which does not carry it, must).</param>
/// <param name="ResourcedProvision">Optional: the pupil is in resourced provision during the period; left out, as <paramref name="SenUnit"/>.</param>
public sealed record SenRow(string? PupilExternalId, string? Provision, DateOnly? StartDate, DateOnly? EndDate, IReadOnlyList<SenNeedRow>? Needs,
    bool? SenUnit = null, bool? ResourcedProvision = null);

public sealed record SenNeedRow(string? Type, int? Rank);

internal sealed class SenRowValidator : AbstractValidator<SenRow>
{
    public SenRowValidator()
    {
        RuleFor(r => r.PupilExternalId).NotEmpty();
        RuleFor(r => r).Custom((r, context) =>
        {
            foreach (var failure in SenRules.Check(r.Provision, r.StartDate, r.EndDate, Needs(r), history: true))
                context.AddFailure(SenFields.Pascal(failure.Field), failure.Message);
        });
    }

    internal static IReadOnlyList<NeedInput> Needs(SenRow row) => [.. (row.Needs ?? []).Select(n => new NeedInput(n.Type, n.Rank))];
}

internal sealed class SenDataset(SenDbContext db, IValidator<SenRow> validator, ISender sender) : ImportDataset<SenRow>(db, validator)
{
    public override string Name => "sen";

    public override Task<int> CountAsync(CancellationToken cancellationToken) => db.Periods.CountAsync(cancellationToken);

    protected override string? KeyOf(SenRow row) =>
        row.StartDate is { } start ? $"{row.PupilExternalId}/{start:yyyy-MM-dd}" : $"{row.PupilExternalId}/{row.Provision}";

    protected override async Task<IReadOnlyList<RowOutcome?>> UpsertAsync(IReadOnlyList<(int Row, SenRow Data)> batch, List<ImportError> errors,
        CancellationToken cancellationToken)
    {
        // Pupils belong to the Pupils module: one contract query per batch turns external ids into pupils.
        var pupils = (await sender.Send(new FindPupilsByExternalIdQuery(batch.Select(b => b.Data.PupilExternalId!).Distinct().ToList()), cancellationToken))
            .ToDictionary(p => p.ExternalId!);
        var pupilIds = pupils.Values.Select(p => p.PupilId).ToList();
        var history = (await db.Periods.Where(p => pupilIds.Contains(p.PupilId)).ToListAsync(cancellationToken))
            .GroupBy(p => p.PupilId).ToDictionary(g => g.Key, g => g.ToList());

        var outcomes = new List<RowOutcome?>();
        var lastRowOfPupil = new Dictionary<Guid, (int Row, string Key)>();
        foreach (var (row, data) in batch)
        {
            if (!pupils.TryGetValue(data.PupilExternalId!, out var pupil))
            {
                errors.Add(ImportError.UnknownPupil(row, data.PupilExternalId, data.PupilExternalId));
                outcomes.Add(null);
                continue;
            }
            if (!history.TryGetValue(pupil.PupilId, out var periods))
                history[pupil.PupilId] = periods = [];
            lastRowOfPupil[pupil.PupilId] = (row, KeyOf(data)!);

            var (primary, secondary) = SenRules.Ranked(SenRowValidator.Needs(data));
            var existing = data.StartDate is { } start
                ? periods.FirstOrDefault(p => p.StartDate == start)
                : periods.FirstOrDefault(p => p.StartDate == null && p.Provision == data.Provision);
            if (existing is null)
            {
                var (unit, resourced) = (data.SenUnit ?? false, data.ResourcedProvision ?? false);
                var period = SenProvisionPeriod.Start(pupil.PupilId, data.Provision!, data.StartDate, data.EndDate, primary, secondary, unit, resourced);
                db.Periods.Add(period);
                periods.Add(period);
                outcomes.Add(RowOutcome.Created);
                continue;
            }
            var end = data.EndDate ?? existing.EndDate;
            var (senUnit, resourcedProvision) = (data.SenUnit ?? existing.SenUnit, data.ResourcedProvision ?? existing.ResourcedProvision);
            if (existing.Provision == data.Provision && existing.EndDate == end && existing.PrimaryNeed == primary && existing.SecondaryNeed == secondary
                && existing.SenUnit == senUnit && existing.ResourcedProvision == resourcedProvision)
            {
                outcomes.Add(RowOutcome.Unchanged);
                continue;
            }
            existing.ChangeProvision(data.Provision!);
            existing.Change(existing.StartDate, end, primary, secondary);
            existing.Place(senUnit, resourcedProvision);
            outcomes.Add(RowOutcome.Updated);
        }

        // Each pupil's history must still be one provision at a time.
        foreach (var (pupilId, (row, key)) in lastRowOfPupil)
            if (SenRules.Arrange(history[pupilId]) is { } overlap)
                errors.Add(new(row, key, "startDate", "overlap", overlap));
        return outcomes;
    }
}
