using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Meals.Data;
using SchoolMis.Meals.Domain;
using SchoolMis.Platform.Imports;

namespace SchoolMis.Meals.Features.Imports;

/// <summary>
/// The <c>meal-types</c> dataset (beyond API.md's minimum, so a migration brings the old MIS's meal types before the
/// meal register): the natural key is the code.
/// </summary>
public sealed record MealTypeRow(string? Code, string? Name, bool? SchoolLunch, bool? Active);

internal sealed class MealTypeRowValidator : AbstractValidator<MealTypeRow>
{
    public MealTypeRowValidator()
    {
        RuleFor(r => r.Code).NotEmpty().MaximumLength(10).Matches("^[A-Za-z0-9]*$").WithMessage("code is letters and digits only, up to 10.");
        RuleFor(r => r.Name).NotEmpty().MaximumLength(60);
        RuleFor(r => r.SchoolLunch).NotNull().WithMessage("schoolLunch says whether this meal counts as a school lunch taken (true or false).");
    }
}

internal sealed class MealTypesDataset(MealsDbContext db, IValidator<MealTypeRow> validator) : ImportDataset<MealTypeRow>(db, validator)
{
    public override string Name => "meal-types";

    public override Task<int> CountAsync(CancellationToken cancellationToken) => db.MealTypes.CountAsync(cancellationToken);

    protected override string? KeyOf(MealTypeRow row) => row.Code?.Trim().ToUpperInvariant();

    protected override async Task<IReadOnlyList<RowOutcome?>> UpsertAsync(IReadOnlyList<(int Row, MealTypeRow Data)> batch, List<ImportError> errors,
        CancellationToken cancellationToken)
    {
        var existing = await db.MealTypes.ToDictionaryAsync(t => t.Code, cancellationToken);
        var order = existing.Count == 0 ? 0 : existing.Values.Max(t => t.SortOrder);
        var outcomes = new List<RowOutcome?>();
        foreach (var (_, data) in batch)
        {
            var code = data.Code!.Trim().ToUpperInvariant();
            var name = data.Name!.Trim();
            var active = data.Active ?? true;
            if (!existing.TryGetValue(code, out var type))
            {
                type = MealType.Create(code, name, data.SchoolLunch!.Value, ++order);
                if (!active)
                    type.Change(name, data.SchoolLunch.Value, false);
                db.MealTypes.Add(existing[code] = type);
                outcomes.Add(RowOutcome.Created);
            }
            else if (type.Matches(name, data.SchoolLunch!.Value, active))
                outcomes.Add(RowOutcome.Unchanged);
            else
            {
                type.Change(name, data.SchoolLunch.Value, active);
                outcomes.Add(RowOutcome.Updated);
            }
        }
        return outcomes;
    }
}
