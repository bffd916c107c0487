using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Contracts;
using SchoolMis.Attendance.Data;
using SchoolMis.Attendance.Domain;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Attendance.Features.Statistics;

/// <summary>
/// Attendance figures over a date range for the whole school, one registration group, or one pupil: per pupil,
/// and in total. Computed in the database as one GROUP BY over the marks (each mark carries its statistical
/// category), never pupil by pupil.
/// </summary>
public sealed record GetAttendanceStatisticsQuery(DateOnly From, DateOnly To, Guid? RegistrationGroupId = null, Guid? PupilId = null)
    : IQuery<AttendanceStatistics>;

public sealed record AttendanceStatistics(DateOnly From, DateOnly To, AttendanceFigures Total, IReadOnlyList<PupilFigures> Pupils)
{
    public int PersistentlyAbsent => Pupils.Count(p => p.Figures.PersistentlyAbsent);
    public int SeverelyAbsent => Pupils.Count(p => p.Figures.SeverelyAbsent);
}

public sealed record PupilFigures(Guid PupilId, string Name, string Upn, AttendanceFigures Figures);

internal sealed class GetAttendanceStatisticsValidator : AbstractValidator<GetAttendanceStatisticsQuery>
{
    public GetAttendanceStatisticsValidator() =>
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).WithMessage("The end of the range must be on or after its start.")
            .Must((q, to) => to.DayNumber - q.From.DayNumber <= 3700).WithMessage("Choose a range of at most ten years.");
}

public sealed class GetAttendanceStatisticsHandler(AttendanceDbContext db, ISender sender)
    : IQueryHandler<GetAttendanceStatisticsQuery, AttendanceStatistics>
{
    public async ValueTask<AttendanceStatistics> Handle(GetAttendanceStatisticsQuery query, CancellationToken cancellationToken)
    {
        var counts = await CountAsync(db, query.From, query.To, query.RegistrationGroupId, query.PupilId, cancellationToken);
        var names = (await sender.Send(new GetPupilSummariesQuery(counts.Keys.ToList()), cancellationToken)).ToDictionary(p => p.PupilId);
        var pupils = counts
            .Select(c => new PupilFigures(c.Key, names.TryGetValue(c.Key, out var p) ? p.RegisterName : "(unknown pupil)", p?.Upn ?? "", c.Value))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
        var total = pupils.Aggregate(AttendanceFigures.None, (sum, p) => sum + p.Figures);
        return new AttendanceStatistics(query.From, query.To, total, pupils);
    }

    /// <summary>Session counts by pupil and category, as one grouped query.</summary>
    internal static async Task<Dictionary<Guid, AttendanceFigures>> CountAsync(AttendanceDbContext db, DateOnly from, DateOnly to,
        Guid? groupId, Guid? pupilId, CancellationToken ct)
    {
        var marks = db.Marks.AsNoTracking().Where(m => m.Date >= from && m.Date <= to);
        if (groupId is { } g)
            marks = marks.Where(m => m.RegistrationGroupId == g);
        if (pupilId is { } p)
            marks = marks.Where(m => m.PupilId == p);
        var rows = await marks.GroupBy(m => new { m.PupilId, m.Category })
            .Select(x => new { x.Key.PupilId, x.Key.Category, Count = x.Count() })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.PupilId)
            .ToDictionary(x => x.Key, x => AttendanceFigures.From(x.Select(r => (r.Category, r.Count))));
    }
}

/// <summary>The contract other modules (the census) use: the same counts, no names.</summary>
public sealed class GetSessionCountsHandler(AttendanceDbContext db) : IQueryHandler<GetSessionCountsQuery, IReadOnlyList<PupilSessionCounts>>
{
    public async ValueTask<IReadOnlyList<PupilSessionCounts>> Handle(GetSessionCountsQuery query, CancellationToken cancellationToken)
    {
        var counts = await GetAttendanceStatisticsHandler.CountAsync(db, query.From, query.To, null, null, cancellationToken);
        return counts.Select(c => new PupilSessionCounts(c.Key, c.Value.Present, c.Value.ApprovedActivity, c.Value.Authorised,
            c.Value.Unauthorised, c.Value.NotCounted)).ToList();
    }
}

/// <summary>Attendance week by week (Monday-based), for charts of a pupil or a group over time.</summary>
public sealed record GetWeeklyAttendanceQuery(DateOnly From, DateOnly To, Guid? RegistrationGroupId = null, Guid? PupilId = null)
    : IQuery<IReadOnlyList<WeekFigures>>;

public sealed record WeekFigures(DateOnly WeekBeginning, AttendanceFigures Figures);

public sealed class GetWeeklyAttendanceHandler(AttendanceDbContext db) : IQueryHandler<GetWeeklyAttendanceQuery, IReadOnlyList<WeekFigures>>
{
    public async ValueTask<IReadOnlyList<WeekFigures>> Handle(GetWeeklyAttendanceQuery query, CancellationToken cancellationToken)
    {
        var marks = db.Marks.AsNoTracking().Where(m => m.Date >= query.From && m.Date <= query.To);
        if (query.RegistrationGroupId is { } g)
            marks = marks.Where(m => m.RegistrationGroupId == g);
        if (query.PupilId is { } p)
            marks = marks.Where(m => m.PupilId == p);
        // Grouped by day in the database (a few hundred rows at most), folded into weeks here.
        var days = await marks.GroupBy(m => new { m.Date, m.Category }).Select(x => new { x.Key.Date, x.Key.Category, Count = x.Count() })
            .ToListAsync(cancellationToken);
        return days.GroupBy(d => WeekBeginning(d.Date))
            .OrderBy(w => w.Key)
            .Select(w => new WeekFigures(w.Key, AttendanceFigures.From(w.Select(d => (d.Category, d.Count)))))
            .ToList();
    }

    public static DateOnly WeekBeginning(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}

/// <summary>Statistics as CSV, one row per pupil, for spreadsheets and governors' reports.</summary>
public static class StatisticsCsv
{
    public static string Write(AttendanceStatistics stats)
    {
        var csv = new System.Text.StringBuilder();
        csv.AppendLine("Pupil,UPN,Possible sessions,Present,Approved educational activity,Authorised absence,Unauthorised absence,Not counted,Attendance %,Persistent absence,Severe absence");
        foreach (var p in stats.Pupils)
            csv.AppendLine(Row(p.Name, p.Upn, p.Figures));
        csv.AppendLine(Row("All pupils", "", stats.Total));
        return csv.ToString();
    }

    private static string Row(string name, string upn, AttendanceFigures f) => string.Join(',',
        Quote(name), upn, f.Possible, f.Present, f.ApprovedActivity, f.Authorised, f.Unauthorised, f.NotCounted,
        f.AttendancePercent?.ToString("0.0", CultureInfo.InvariantCulture) ?? "", f.PersistentlyAbsent ? "Y" : "N", f.SeverelyAbsent ? "Y" : "N");

    // Quote every name; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
    private static string Quote(string value) =>
        "\"" + (value.Length > 0 && "=+-@".Contains(value[0]) ? "'" + value : value).Replace("\"", "\"\"") + "\"";
}

public sealed class GetPupilMarksHandler(AttendanceDbContext db) : IQueryHandler<GetPupilMarksQuery, IReadOnlyList<PupilMark>>
{
    public async ValueTask<IReadOnlyList<PupilMark>> Handle(GetPupilMarksQuery query, CancellationToken cancellationToken)
    {
        var marks = await db.Marks.AsNoTracking()
            .Where(m => m.PupilId == query.PupilId && m.Date >= query.From && m.Date <= query.To)
            .Select(m => new { m.Date, m.Session, m.Code })
            .ToListAsync(cancellationToken);
        return [.. marks.OrderBy(m => m.Date).ThenBy(m => m.Session).Select(m => new PupilMark(m.Date, m.Session.ToString(), m.Code))];
    }
}

public sealed class GetSessionCodeCountsHandler(AttendanceDbContext db) : IQueryHandler<GetSessionCodeCountsQuery, IReadOnlyList<PupilCodeSessions>>
{
    public async ValueTask<IReadOnlyList<PupilCodeSessions>> Handle(GetSessionCodeCountsQuery query, CancellationToken cancellationToken)
    {
        var rows = await db.Marks.AsNoTracking().Where(m => m.Date >= query.From && m.Date <= query.To)
            .GroupBy(m => new { m.PupilId, m.Code, m.Category })
            .Select(x => new { x.Key.PupilId, x.Key.Code, x.Key.Category, Count = x.Count() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PupilCodeSessions(r.PupilId, r.Code, (SessionCategory)(int)r.Category, r.Count)).ToList();
    }
}
