using Mediator;
using SchoolMis.Attendance.Contracts;
using SchoolMis.Census.Domain;
using SchoolMis.Exclusions.Contracts;
using SchoolMis.Meals.Contracts;
using SchoolMis.Platform;
using SchoolMis.Platform.Tenancy;
using SchoolMis.Pupils.Contracts;
using SchoolMis.Sen.Contracts;

namespace SchoolMis.Census.Returns;

/// <summary>
/// Gathers a return from every module's contracts: a fixed handful of set-based queries whatever the size of the
/// school (pupils, two attendance windows grouped by pupil and code, exclusions, SEN on census day and at each
/// exclusion, FSM periods, lunches on census day), joined here in memory. Never a query per pupil.
/// </summary>
public sealed class CensusGatherer(ISender sender, ITenantContext tenant, TimeProvider clock)
{
    public async Task<CensusReturnData> GatherAsync(CensusCollection collection, int serialNo, CancellationToken ct)
    {
        var day = collection.CensusDay;
        var attendanceWindow = collection.AttendanceWindow;
        var halfTerm2Window = collection.SummerHalfTerm2Window;
        var exclusionWindow = collection.ExclusionWindow;
        var school = tenant.Current;

        var pupils = await sender.Send(new GetCensusPupilsQuery(day, collection.EarliestActivity), ct);
        var termly = await SessionsAsync(attendanceWindow, ct);
        var halfTerm2 = halfTerm2Window is { } w2 ? await SessionsAsync(w2, ct) : Array.Empty<PupilCodeSessions>().ToLookup(c => c.PupilId);
        var exclusions = (await sender.Send(new GetExclusionsStartedQuery(exclusionWindow.From, exclusionWindow.To), ct))
            .ToLookup(e => e.PupilId);
        var senToday = (await sender.Send(new GetSenStatusQuery(day), ct)).ToDictionary(s => s.PupilId);
        var excludedPupils = exclusions.Select(g => g.Key).ToList();
        var senHistory = (await sender.Send(new GetSenHistoriesQuery(excludedPupils), ct)).ToLookup(p => p.PupilId);
        var fsm = (await sender.Send(new GetFsmPeriodsQuery(collection.Previous.CensusDay, day), ct)).ToLookup(p => p.PupilId);
        var lunches = (await sender.Send(new GetSchoolLunchTakenQuery(day), ct))
            .GroupBy(l => l.PupilId).ToDictionary(g => g.Key, g => g.Any(l => l.SchoolLunchTaken));

        // Nursery schools return no attendance (NOTES.md 1.5).
        var collectsAttendance = school.Phase != "NS";
        var onRoll = new List<CensusPupilReturn>();
        var leavers = new List<CensusPupilReturn>();
        foreach (var p in pupils)
        {
            // A subsidiary registration's attendance is the main school's to return.
            var returnsAttendance = collectsAttendance && p.EnrolmentStatus != "S";
            var attendanceDue = returnsAttendance && OfAttendanceAge(p, attendanceWindow) && WasOnRollDuring(p, attendanceWindow);
            var attendance = attendanceDue ? Totals(termly, p.PupilId) : null;
            var summer2 = returnsAttendance && halfTerm2Window is { } hw && OfAttendanceAge(p, hw) && WasOnRollDuring(p, hw)
                ? Totals(halfTerm2, p.PupilId) : null;
            var pupilExclusions = exclusions[p.PupilId]
                .OrderBy(e => e.StartDate)
                .Select(e => new CensusExclusion(e.Category, e.Reasons, e.StartDate, e.Sessions,
                    senHistory[p.PupilId].LastOrDefault(s => s.Covers(e.StartDate))?.Provision ?? "N"))
                .ToList();
            var periods = fsm[p.PupilId].OrderBy(f => f.StartDate).ToList();

            if (p.IsOnRoll(day))
            {
                var sen = senToday.GetValueOrDefault(p.PupilId);
                onRoll.Add(new CensusPupilReturn(p, periods, LunchApplies(p, day) ? lunches.GetValueOrDefault(p.PupilId) : null,
                    sen?.Provision ?? "N", sen?.Needs ?? [], pupilExclusions, attendanceDue, attendance, summer2,
                    sen?.SenUnit ?? false, sen?.ResourcedProvision ?? false));
            }
            // A leaver belongs in the return only for what it collects about them: attendance or exclusions in its windows.
            else if (attendance is not null || summer2 is not null || pupilExclusions.Count > 0)
            {
                leavers.Add(new CensusPupilReturn(p, periods, null, "N", [], pupilExclusions, attendanceDue, attendance, summer2));
            }
        }

        int? freeMealsTaken = collection.Term == CensusTerm.Spring
            ? onRoll.Count(r => lunches.GetValueOrDefault(r.Pupil.PupilId) &&
                (r.Pupil.NcYear is "R" or "1" or "2" || r.FsmPeriods.Any(f => f.StartDate <= day && (f.EndDate is null || f.EndDate >= day))))
            : null;
        return new CensusReturnData(school, collection, clock.UkNow(), serialNo, onRoll, leavers, freeMealsTaken);
    }

    private async Task<ILookup<Guid, PupilCodeSessions>> SessionsAsync(DateRange window, CancellationToken ct) =>
        (await sender.Send(new GetSessionCodeCountsQuery(window.From, window.To), ct)).ToLookup(c => c.PupilId);

    /// <summary>Possible, authorised and unauthorised sessions as the attendance statistics count them; null with none possible.</summary>
    internal static CensusAttendance? Totals(ILookup<Guid, PupilCodeSessions> sessions, Guid pupilId)
    {
        var rows = sessions[pupilId].ToList();
        int Sum(SessionCategory c) => rows.Where(r => r.Category == c).Sum(r => r.Sessions);
        var possible = Sum(SessionCategory.Present) + Sum(SessionCategory.ApprovedActivity) + Sum(SessionCategory.Authorised) + Sum(SessionCategory.Unauthorised);
        if (possible == 0)
            return null;
        var details = rows.Where(r => r.Category != SessionCategory.Present)
            .GroupBy(r => r.Code)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CensusSessionDetail(g.Key, g.Sum(r => r.Sessions)))
            .ToList();
        var exceptional = rows.Where(r => IsUnavoidable(r.Code)).Sum(r => r.Sessions);
        return new CensusAttendance(possible, Sum(SessionCategory.Authorised), Sum(SessionCategory.Unauthorised), Sum(SessionCategory.ApprovedActivity),
            exceptional, details);
    }

    /// <summary>"Unable to attend because of an unavoidable cause" (attendance_codes_2024.csv): Q and Y1 to Y7, and the old Y.</summary>
    private static bool IsUnavoidable(string code) => code == "Q" || code == "Y" || (code.Length == 2 && code[0] == 'Y' && code[1] is >= '1' and <= '7');

    /// <summary>
    /// Compulsory school age (5 to 15) and four-year-olds, by age on 31 August before the window's school year. The
    /// window's end decides the school year: the autumn term's window opens on 1 August, still in the year before.
    /// </summary>
    internal static bool OfAttendanceAge(CensusPupil p, DateRange window) =>
        NcYears.AgeOn(p.DateOfBirth, NcYears.AgeDay(window.To)) is >= 4 and <= 15;

    private static bool WasOnRollDuring(CensusPupil p, DateRange window) =>
        p.AdmissionDate <= window.To && (p.LeavingDate is null || p.LeavingDate > window.From);

    /// <summary>School lunch taken is returned for reception, years 1 and 2, and NC year X aged 4 to 6 (UIFSM).</summary>
    internal static bool LunchApplies(CensusPupil p, DateOnly censusDay) =>
        p.NcYear is "R" or "1" or "2" ||
        (p.NcYear == "X" && NcYears.AgeOn(p.DateOfBirth, NcYears.AgeDay(censusDay)) is >= 4 and <= 6);
}
