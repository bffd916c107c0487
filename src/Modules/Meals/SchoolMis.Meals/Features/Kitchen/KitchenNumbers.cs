using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Meals.Data;
using SchoolMis.Meals.Domain;
using SchoolMis.Meals.Features.MealRegister;
using SchoolMis.Meals.Features.MealTypes;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Meals.Features.Kitchen;

/// <summary>
/// The kitchen's numbers for a day: per meal type, how many pupils of each group take it, and the total. Among the
/// school lunches taken, how many are free through FSM, free through Universal Infant FSM (infants not on FSM: each
/// lunch is counted once, FSM first), and paid. School admins only: FSM counts of a small group can point to a family.
/// </summary>
public sealed record GetKitchenNumbersQuery(DateOnly Date) : IQuery<KitchenNumbers>;

public sealed record KitchenNumbers(DateOnly Date, IReadOnlyList<MealTypeItem> MealTypes, IReadOnlyList<KitchenRow> Groups, KitchenRow Total);

/// <param name="ByMealType">Pupils per meal type id.</param>
/// <param name="NotRecorded">Pupils on the group's roll with no meal recorded that day.</param>
public sealed record KitchenRow(string Group, IReadOnlyDictionary<Guid, int> ByMealType, int SchoolLunches, int Fsm, int Uifsm, int Paid, int NotRecorded);

public sealed class GetKitchenNumbersHandler(MealsDbContext db, ISender sender, ICurrentUser user) : IQueryHandler<GetKitchenNumbersQuery, KitchenNumbers>
{
    public async ValueTask<KitchenNumbers> Handle(GetKitchenNumbersQuery query, CancellationToken cancellationToken)
    {
        MealsAccess.RequireAdmin(user);
        var date = query.Date;
        var types = await sender.Send(new ListMealTypesQuery(IncludeRetired: true), cancellationToken);
        var lunch = types.Where(t => t.CountsAsSchoolLunch).Select(t => t.MealTypeId).ToHashSet();
        var meals = await db.Meals.AsNoTracking().Where(m => m.Date == date)
            .Select(m => new { m.PupilId, m.MealTypeId, m.Paid, m.RegistrationGroupId }).ToListAsync(cancellationToken);
        var pupilIds = meals.Select(m => m.PupilId).ToList();
        var years = (await sender.Send(new GetPupilSummariesQuery(pupilIds), cancellationToken)).ToDictionary(p => p.PupilId, p => p.NcYear);
        var fsm = await MealRules.FsmEligibleAsync(db, pupilIds, date, cancellationToken);
        var groups = await sender.Send(new GetRegistrationGroupsQuery(), cancellationToken);
        var rolls = await sender.Send(new CountGroupRollsQuery(date), cancellationToken);

        KitchenRow Count(string name, IReadOnlyCollection<(Guid PupilId, Guid MealTypeId, bool Paid)> rows, int? roll)
        {
            var byType = rows.GroupBy(r => r.MealTypeId).ToDictionary(g => g.Key, g => g.Count());
            var lunches = rows.Where(r => lunch.Contains(r.MealTypeId)).ToList();
            var onFsm = lunches.Count(r => fsm.Contains(r.PupilId));
            var infants = lunches.Count(r => !fsm.Contains(r.PupilId) && FsmRules.IsUniversalInfant(years.GetValueOrDefault(r.PupilId)));
            return new KitchenRow(name, byType, lunches.Count, onFsm, infants, rows.Count(r => r.Paid), roll is { } n ? Math.Max(0, n - rows.Count) : 0);
        }

        var all = meals.Select(m => (m.PupilId, m.MealTypeId, m.Paid)).ToList();
        var rowsByGroup = groups
            .Select(g => Count($"{g.Code} {g.Name}", meals.Where(m => m.RegistrationGroupId == g.RegistrationGroupId).Select(m => (m.PupilId, m.MealTypeId, m.Paid)).ToList(),
                rolls.GetValueOrDefault(g.RegistrationGroupId)))
            .ToList();
        var known = groups.Select(g => g.RegistrationGroupId).ToHashSet();
        var elsewhere = meals.Where(m => m.RegistrationGroupId is not { } id || !known.Contains(id)).Select(m => (m.PupilId, m.MealTypeId, m.Paid)).ToList();
        if (elsewhere.Count > 0)
            rowsByGroup.Add(Count("No group", elsewhere, null));
        var total = Count("Total", all, null) with { NotRecorded = rowsByGroup.Sum(r => r.NotRecorded) };
        return new KitchenNumbers(date, types.Where(t => t.Active || all.Any(m => m.MealTypeId == t.MealTypeId)).ToList(), rowsByGroup, total);
    }
}
