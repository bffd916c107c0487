using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Meals.Data;
using SchoolMis.Meals.Domain;
using SchoolMis.Platform.Imports;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Meals.Features.Imports;

/// <summary>
/// The <c>fsm-periods</c> dataset of API.md: the natural key is pupil + startDate; a row with a known start changes
/// that period's end and country. Periods of a pupil must not overlap, whether with periods already held or with
/// other rows of the import. <c>ukCountry</c> defaults to ENG. <c>reviewDate</c> (optional, beyond API.md) is the
/// pupil's next FSM review (the CTF's FSMreviewDate).
/// </summary>
public sealed record FsmPeriodRow(string? PupilExternalId, DateOnly? StartDate, DateOnly? EndDate, string? UkCountry, DateOnly? ReviewDate = null);

internal sealed class FsmPeriodRowValidator : AbstractValidator<FsmPeriodRow>
{
    public FsmPeriodRowValidator()
    {
        RuleFor(r => r.PupilExternalId).NotEmpty();
        RuleFor(r => r.StartDate).NotNull();
        RuleFor(r => r.EndDate).GreaterThanOrEqualTo(r => r.StartDate).When(r => r.StartDate is not null && r.EndDate is not null)
            .WithMessage(r => $"endDate ({r.EndDate:yyyy-MM-dd}) is before startDate ({r.StartDate:yyyy-MM-dd}).");
        RuleFor(r => r.UkCountry).Must(c => c is null || FsmRules.UkCountries.ContainsKey(c))
            .WithMessage(r => $"ukCountry '{r.UkCountry}' is not one of ENG, WLS, SCT, NIR.");
    }
}

internal sealed class FsmPeriodsDataset(MealsDbContext db, IValidator<FsmPeriodRow> validator, ISender sender, ICurrentUser user, TimeProvider clock)
    : ImportDataset<FsmPeriodRow>(db, validator)
{
    public override string Name => "fsm-periods";

    public override Task<int> CountAsync(CancellationToken cancellationToken) => db.FsmPeriods.CountAsync(cancellationToken);

    protected override string? KeyOf(FsmPeriodRow row) => $"{row.PupilExternalId}/{row.StartDate:yyyy-MM-dd}";

    protected override async Task<IReadOnlyList<RowOutcome?>> UpsertAsync(IReadOnlyList<(int Row, FsmPeriodRow Data)> batch, List<ImportError> errors,
        CancellationToken cancellationToken)
    {
        var pupils = (await sender.Send(new FindPupilsByExternalIdQuery(batch.Select(b => b.Data.PupilExternalId!).Distinct().ToList()), cancellationToken))
            .ToDictionary(p => p.ExternalId!);
        var pupilIds = pupils.Values.Select(p => p.PupilId).ToList();
        // Every period of the batch's pupils (tracked), so overlaps are checked against the periods as they will stand.
        var periods = (await db.FsmPeriods.Where(p => pupilIds.Contains(p.PupilId)).ToListAsync(cancellationToken))
            .GroupBy(p => p.PupilId).ToDictionary(g => g.Key, g => g.ToList());
        var reviews = await db.FsmReviews.Where(r => pupilIds.Contains(r.PupilId)).ToDictionaryAsync(r => r.PupilId, cancellationToken);

        var now = clock.GetUtcNow();
        var who = $"Import by {user.AuditName}";
        var outcomes = new List<RowOutcome?>();
        foreach (var (row, data) in batch)
        {
            var key = KeyOf(data);
            if (!pupils.TryGetValue(data.PupilExternalId!, out var pupil))
            {
                errors.Add(ImportError.UnknownPupil(row, key, data.PupilExternalId));
                outcomes.Add(null);
                continue;
            }
            var start = data.StartDate!.Value;
            var country = data.UkCountry ?? "ENG";
            if (!periods.TryGetValue(pupil.PupilId, out var held))
                periods[pupil.PupilId] = held = [];
            var period = held.FirstOrDefault(p => p.StartDate == start);
            if (held.FirstOrDefault(p => p != period && p.Overlaps(start, data.EndDate)) is { } clash)
            {
                errors.Add(new(row, key, "startDate", "overlap", $"{pupil.RegisterName}: {FsmRules.OverlapMessage(start, data.EndDate, clash)}"));
                outcomes.Add(null);
                continue;
            }
            var outcome = RowOutcome.Unchanged;
            if (period is null)
            {
                period = FsmPeriod.Record(pupil.PupilId, start, data.EndDate, country, now, who);
                held.Add(period);
                db.FsmPeriods.Add(period);
                outcome = RowOutcome.Created;
            }
            else if (!period.Matches(start, data.EndDate, country))
            {
                period.Change(start, data.EndDate, country, now, who);
                outcome = RowOutcome.Updated;
            }
            if (data.ReviewDate is { } review)
            {
                if (!reviews.TryGetValue(pupil.PupilId, out var held2))
                {
                    db.FsmReviews.Add(reviews[pupil.PupilId] = FsmReview.Record(pupil.PupilId, review));
                    outcome = outcome == RowOutcome.Unchanged ? RowOutcome.Updated : outcome;
                }
                else if (held2.ReviewDate != review)
                {
                    held2.Change(review);
                    outcome = outcome == RowOutcome.Unchanged ? RowOutcome.Updated : outcome;
                }
            }
            outcomes.Add(outcome);
        }
        return outcomes;
    }
}
