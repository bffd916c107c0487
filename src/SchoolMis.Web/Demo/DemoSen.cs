using Mediator;
using SchoolMis.Platform;
using SchoolMis.Pupils.Contracts;
using SchoolMis.Sen.Domain;
using SchoolMis.Sen.Features.PupilSen;

namespace SchoolMis.Web.Demo;

/// <summary>
/// A small SEN register for the demo school: about one pupil in eight on SEN support, a few with EHC plans (one
/// review overdue), one with history from before the 2014 reforms, and a note.
/// </summary>
internal static class DemoSen
{
    private static readonly string[] Needs = ["SPLD", "SLCN", "SEMH", "MLD", "ASD", "NSA"];

    public static async Task SeedAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var sender = services.GetRequiredService<ISender>();
        var today = clock.Today();
        var pupils = await sender.Send(new GetPupilsOnRollQuery(today), ct);
        var random = new Random(5);
        var i = 0;
        foreach (var pupil in pupils.Where((_, n) => n % 8 == 3))
        {
            i++;
            var start = today.AddDays(-random.Next(60, 700));
            if (i % 6 == 0)
            {
                var issued = start;
                await sender.Send(new SaveSenPeriodCommand(pupil.PupilId, null, SenCodes.SenSupport, start.AddYears(-1), null, [new("SLCN", 1)]), ct);
                await sender.Send(new SaveSenPeriodCommand(pupil.PupilId, null, SenCodes.EhcPlan, start, null, [new("ASD", 1), new("SLCN", 2)],
                    PlanIssueDate: issued, PlanLastReviewDate: i % 12 == 0 ? null : issued.AddYears(1) < today ? issued.AddYears(1) : null), ct);
                continue;
            }
            var primary = Needs[random.Next(Needs.Length)];
            NeedInput[] needs = primary == SenCodes.NoSpecialistAssessment || random.Next(3) > 0
                ? [new(primary, 1)] : [new(primary, 1), new(primary == "SEMH" ? "SLCN" : "SEMH", 2)];
            // One pupil with SEN support spends part of the week in the school's SEN unit.
            await sender.Send(new SaveSenPeriodCommand(pupil.PupilId, null, SenCodes.SenSupport, start, null, needs, SenUnit: i == 1), ct);
            if (i == 1)
                await sender.Send(new AddSenNoteCommand(pupil.PupilId, today.AddDays(-7), "Termly review with parents: reading support to continue; next review before half term."), ct);
        }
    }
}
