using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Contracts;
using SchoolMis.Attendance.Data;

namespace SchoolMis.Attendance.Features.Calendar;

/// <summary>The school days of a period, for other modules (sessions missed by an exclusion).</summary>
public sealed class GetSchoolDaysHandler(AttendanceDbContext db) : IQueryHandler<GetSchoolDaysQuery, IReadOnlyList<DateOnly>>
{
    public async ValueTask<IReadOnlyList<DateOnly>> Handle(GetSchoolDaysQuery query, CancellationToken cancellationToken)
    {
        // More than two years is a mistake in the dates, not a period anyone counts sessions over.
        if (query.To < query.From || query.To.DayNumber - query.From.DayNumber > 731)
            return [];
        var calendar = await db.LoadAsync(query.From, query.To, cancellationToken);
        return calendar.SchoolDays(query.From, query.To).ToList();
    }
}

public sealed class GetAcademicYearHandler(AttendanceDbContext db) : IQueryHandler<GetAcademicYearQuery, AcademicYearSpan>
{
    public async ValueTask<AcademicYearSpan> Handle(GetAcademicYearQuery query, CancellationToken cancellationToken)
    {
        var year = await db.AcademicYears.AsNoTracking().Where(y => y.StartDate <= query.Date && y.EndDate >= query.Date)
            .Select(y => new AcademicYearSpan(y.Name, y.StartDate, y.EndDate)).FirstOrDefaultAsync(cancellationToken);
        return year ?? Default(query.Date);
    }

    /// <summary>Without a calendar, the DfE's academic year: 1 September to 31 August.</summary>
    public static AcademicYearSpan Default(DateOnly date)
    {
        var start = date.Month >= 9 ? date.Year : date.Year - 1;
        return new AcademicYearSpan($"{start}/{(start + 1) % 100:00}", new DateOnly(start, 9, 1), new DateOnly(start + 1, 8, 31));
    }
}
