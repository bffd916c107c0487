using Mediator;
using SchoolMis.Attendance.Contracts;
using SchoolMis.Exclusions.Features.RecordExclusion;
using SchoolMis.Platform;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Web.Demo;

/// <summary>
/// A suspension two weeks ago (so the registers show E over marks already taken) and a lunchtime exclusion last week,
/// recorded through the module's own use case like the school office would.
/// </summary>
internal static class DemoExclusions
{
    public static async Task SeedAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var sender = services.GetRequiredService<ISender>();
        var today = clock.Today();
        var pupils = await sender.Send(new GetPupilsOnRollQuery(today), ct);
        var days = await sender.Send(new GetSchoolDaysQuery(today.AddDays(-21), today.AddDays(-1)), ct);
        if (pupils.Count < 40 || days.Count < 8)
            return; // a calendar without enough term behind today: nothing sensible to show
        await sender.Send(new RecordExclusionCommand(null, pupils[17].PupilId, "SUSP", days[2], days[3], ["VA", "DB"], null, days[4],
            "Reintegration meeting held with parent on return.", false), ct);
        await sender.Send(new RecordExclusionCommand(null, pupils[33].PupilId, "LNCH", days[^3], days[^3], ["PP"], null, null, null, false), ct);
    }
}
