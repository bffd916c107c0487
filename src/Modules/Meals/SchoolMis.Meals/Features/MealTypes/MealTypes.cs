using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Meals.Data;
using SchoolMis.Meals.Domain;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;

namespace SchoolMis.Meals.Features.MealTypes;

/// <summary>The school's meal types in register order; retired ones only when asked.</summary>
public sealed record ListMealTypesQuery(bool IncludeRetired = false) : IQuery<IReadOnlyList<MealTypeItem>>;

public sealed record MealTypeItem(Guid MealTypeId, string Code, string Name, bool CountsAsSchoolLunch, bool Active);

/// <summary>Adds a meal type (no id) or changes one. The code is fixed once made: imports and history refer to it.</summary>
public sealed record SaveMealTypeCommand(Guid? MealTypeId, string Code, string Name, bool CountsAsSchoolLunch, bool Active = true) : ICommand<Guid>;

/// <summary>Adds the usual meal types (hot school lunch, school packed lunch, home packed lunch, no lunch) that the school lacks.</summary>
public sealed record AddStandardMealTypesCommand : ICommand<int>;

internal sealed class SaveMealTypeValidator : AbstractValidator<SaveMealTypeCommand>
{
    public SaveMealTypeValidator()
    {
        RuleFor(c => c.Code).NotEmpty().WithMessage("Give the meal type a short code, e.g. HOT.")
            .MaximumLength(10).Matches("^[A-Za-z0-9]*$").WithMessage("The code is letters and digits only, up to 10.");
        RuleFor(c => c.Name).NotEmpty().WithMessage("Give the meal type a name.").MaximumLength(60);
    }
}

public sealed class ListMealTypesHandler(MealsDbContext db) : IQueryHandler<ListMealTypesQuery, IReadOnlyList<MealTypeItem>>
{
    public async ValueTask<IReadOnlyList<MealTypeItem>> Handle(ListMealTypesQuery query, CancellationToken cancellationToken) =>
        await db.MealTypes.AsNoTracking().Where(t => query.IncludeRetired || t.Active)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Code)
            .Select(t => new MealTypeItem(t.Id, t.Code, t.Name, t.CountsAsSchoolLunch, t.Active))
            .ToListAsync(cancellationToken);
}

public sealed class SaveMealTypeHandler(MealsDbContext db, ICurrentUser user) : ICommandHandler<SaveMealTypeCommand, Guid>
{
    public async ValueTask<Guid> Handle(SaveMealTypeCommand command, CancellationToken cancellationToken)
    {
        MealsAccess.RequireAdmin(user);
        var name = command.Name.Trim();
        if (command.MealTypeId is { } id)
        {
            var type = await db.MealTypes.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
                ?? throw new NotFoundException("No such meal type at this school.");
            type.Change(name, command.CountsAsSchoolLunch, command.Active);
            await db.SaveChangesAsync(cancellationToken);
            return type.Id;
        }
        var code = command.Code.Trim().ToUpperInvariant();
        if (await db.MealTypes.AnyAsync(t => t.Code == code, cancellationToken))
            throw new ConflictException($"The school already has a meal type with the code {code}.", "Code");
        var order = await db.MealTypes.Select(t => (int?)t.SortOrder).MaxAsync(cancellationToken) ?? 0;
        var created = MealType.Create(code, name, command.CountsAsSchoolLunch, order + 1);
        db.MealTypes.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        return created.Id;
    }
}

public sealed class AddStandardMealTypesHandler(MealsDbContext db, ICurrentUser user) : ICommandHandler<AddStandardMealTypesCommand, int>
{
    public async ValueTask<int> Handle(AddStandardMealTypesCommand command, CancellationToken cancellationToken)
    {
        MealsAccess.RequireAdmin(user);
        var codes = await db.MealTypes.Select(t => t.Code).ToListAsync(cancellationToken);
        var order = await db.MealTypes.Select(t => (int?)t.SortOrder).MaxAsync(cancellationToken) ?? 0;
        var added = 0;
        foreach (var (code, name, lunch) in MealType.Standard.Where(s => !codes.Contains(s.Code)))
        {
            db.MealTypes.Add(MealType.Create(code, name, lunch, ++order));
            added++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }
}
