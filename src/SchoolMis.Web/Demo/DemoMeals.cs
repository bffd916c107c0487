using Mediator;
using SchoolMis.Meals.Data;
using SchoolMis.Meals.Domain;
using SchoolMis.Meals.Features.MealRegister;
using SchoolMis.Meals.Features.MealTypes;
using SchoolMis.Platform;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Web.Demo;

/// <summary>
/// The demo school's meal types, some pupils with FSM periods (one ended), and the last week's meal registers, so the
/// kitchen numbers and pupil meal pages have something to show. Today's meal registers are left for the demo user.
/// </summary>
internal static class DemoMeals
{
    public static async Task SeedAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var sender = services.GetRequiredService<ISender>();
        await sender.Send(new AddStandardMealTypesCommand(), ct);
        var types = await sender.Send(new ListMealTypesQuery(), ct);
        var today = clock.Today();
        var pupils = await sender.Send(new GetPupilsOnRollQuery(today), ct);

        // Written straight through the module's context in one save (a bulk load, like an import).
        var db = services.GetRequiredService<MealsDbContext>();
        var fsm = pupils.Where((_, i) => i % 6 == 0).Select(p => p.PupilId).ToHashSet(); // about one in six, as in many schools
        foreach (var pupil in fsm)
            db.FsmPeriods.Add(FsmPeriod.Record(pupil, today.AddMonths(-14), null, "ENG", clock.GetUtcNow(), "Demo data"));
        foreach (var pupil in pupils.Where((_, i) => i % 17 == 5))
            db.FsmPeriods.Add(FsmPeriod.Record(pupil.PupilId, today.AddMonths(-30), today.AddMonths(-18), "WLS", clock.GetUtcNow(), "Demo data"));

        var random = new Random(11);
        for (var day = today.AddDays(-7); day < today; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                continue;
            foreach (var pupil in pupils)
            {
                var roll = random.Next(100);
                var type = types[roll < 55 ? 0 : roll < 65 ? 1 : roll < 95 ? 2 : 3];
                db.Meals.Add(MealRecord.Record(pupil.PupilId, day, type.MealTypeId,
                    MealRules.DefaultPaid(type.CountsAsSchoolLunch, fsm.Contains(pupil.PupilId), pupil.NcYear), pupil.RegistrationGroupId,
                    clock.GetUtcNow(), "Demo data"));
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
