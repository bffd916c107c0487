using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Meals.Data;
using SchoolMis.Meals.Domain;
using SchoolMis.Meals.Features.MealRegister;
using SchoolMis.Platform.Imports;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Meals.Features.Imports;

/// <summary>
/// The <c>meals</c> dataset of API.md: the daily meal register; the natural key is pupil + date. <c>mealType</c> is the
/// code of one of the school's meal types; <c>paid</c>, when left out, follows the register's rule (a school lunch is
/// paid unless the pupil has FSM or Universal Infant FSM that day).
/// </summary>
public sealed record MealRow(string? PupilExternalId, DateOnly? Date, string? MealType, bool? Paid);

internal sealed class MealRowValidator : AbstractValidator<MealRow>
{
    public MealRowValidator()
    {
        RuleFor(r => r.PupilExternalId).NotEmpty();
        RuleFor(r => r.Date).NotNull();
        RuleFor(r => r.MealType).NotEmpty();
    }
}

internal sealed class MealsDataset(MealsDbContext db, IValidator<MealRow> validator, ISender sender, ICurrentUser user, TimeProvider clock)
    : ImportDataset<MealRow>(db, validator)
{
    public override string Name => "meals";

    public override Task<int> CountAsync(CancellationToken cancellationToken) => db.Meals.CountAsync(cancellationToken);

    protected override string? KeyOf(MealRow row) => $"{row.PupilExternalId}/{row.Date:yyyy-MM-dd}";

    protected override async Task<IReadOnlyList<RowOutcome?>> UpsertAsync(IReadOnlyList<(int Row, MealRow Data)> batch, List<ImportError> errors,
        CancellationToken cancellationToken)
    {
        // Pupils belong to the Pupils module: one contract query per batch turns external ids into pupils.
        var pupils = (await sender.Send(new FindPupilsByExternalIdQuery(batch.Select(b => b.Data.PupilExternalId!).Distinct().ToList()), cancellationToken))
            .ToDictionary(p => p.ExternalId!);
        var types = await db.MealTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var pupilIds = pupils.Values.Select(p => p.PupilId).ToList();
        var from = batch.Min(b => b.Data.Date!.Value);
        var to = batch.Max(b => b.Data.Date!.Value);
        var existing = await db.Meals.Where(m => pupilIds.Contains(m.PupilId) && m.Date >= from && m.Date <= to)
            .ToDictionaryAsync(m => (m.PupilId, m.Date), cancellationToken);
        var periods = await db.FsmPeriods.AsNoTracking().Where(p => pupilIds.Contains(p.PupilId)).ToListAsync(cancellationToken);

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
            if (!types.TryGetValue(data.MealType!.Trim(), out var type))
            {
                errors.Add(new(row, key, "mealType", "unknown-reference", types.Count == 0
                    ? $"No meal type '{data.MealType}': the school has no meal types yet; import meal-types or set them up first."
                    : $"No meal type '{data.MealType}' at this school (its codes: {string.Join(", ", types.Keys.Order(StringComparer.Ordinal))})."));
                outcomes.Add(null);
                continue;
            }
            var date = data.Date!.Value;
            var fsm = periods.Any(p => p.PupilId == pupil.PupilId && p.Covers(date));
            var paid = data.Paid ?? MealRules.DefaultPaid(type.CountsAsSchoolLunch, fsm, pupil.NcYear);
            if (!existing.TryGetValue((pupil.PupilId, date), out var meal))
            {
                db.Meals.Add(existing[(pupil.PupilId, date)] = MealRecord.Record(pupil.PupilId, date, type.Id, paid, pupil.RegistrationGroupId, now, who));
                outcomes.Add(RowOutcome.Created);
            }
            else if (meal.Matches(type.Id, paid))
                outcomes.Add(RowOutcome.Unchanged);
            else
            {
                meal.Change(type.Id, paid, now, who);
                outcomes.Add(RowOutcome.Updated);
            }
        }
        return outcomes;
    }
}
