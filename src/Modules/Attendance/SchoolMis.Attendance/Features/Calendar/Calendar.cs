using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Data;
using SchoolMis.Attendance.Domain;
using SchoolMis.Platform.Messaging;

namespace SchoolMis.Attendance.Features.Calendar;

public sealed record TermDates(string Name, DateOnly? Start, DateOnly? End, DateOnly? HalfTermStart, DateOnly? HalfTermEnd);

/// <summary>Sets up an academic year: its dates, session times, how long registers stay open, and its terms.</summary>
public sealed record SetUpAcademicYearCommand(string Name, DateOnly? Start, DateOnly? End, TimeOnly MorningStarts, TimeOnly AfternoonStarts,
    int RegisterOpenMinutes, IReadOnlyList<TermDates> Terms) : ICommand<Guid>;

internal sealed class SetUpAcademicYearValidator : AbstractValidator<SetUpAcademicYearCommand>
{
    public SetUpAcademicYearValidator()
    {
        RuleFor(c => c.Name).NotEmpty().Matches(@"^\d{4}/\d{2}$").WithMessage("Name the year like 2026/27.");
        RuleFor(c => c.Start).NotNull().WithMessage("Enter the first day of the academic year.");
        RuleFor(c => c.End).NotNull().WithMessage("Enter the last day of the academic year.")
            .Must((c, end) => c.Start is null || end > c.Start).WithMessage("The year must end after it starts.");
        RuleFor(c => c.AfternoonStarts).GreaterThan(c => c.MorningStarts).WithMessage("The afternoon session starts after the morning one.");
        RuleFor(c => c.RegisterOpenMinutes).InclusiveBetween(1, 30).WithMessage("A register may stay open for at most 30 minutes.");
        RuleFor(c => c.Terms).NotEmpty().WithMessage("Enter at least one term.");
        RuleForEach(c => c.Terms).ChildRules(t =>
        {
            t.RuleFor(x => x.Name).NotEmpty();
            t.RuleFor(x => x.Start).NotNull().WithMessage("Enter the term's first day.");
            t.RuleFor(x => x.End).NotNull().WithMessage("Enter the term's last day.")
                .Must((x, end) => x.Start is null || end >= x.Start).WithMessage("A term must end after it starts.");
            t.RuleFor(x => x.HalfTermEnd).NotNull().When(x => x.HalfTermStart is not null).WithMessage("Enter when half term ends.");
            t.RuleFor(x => x.HalfTermStart).Must((x, h) => h is null || (h > x.Start && x.HalfTermEnd < x.End && x.HalfTermEnd >= h))
                .WithMessage("Half term must fall inside the term.");
        });
        RuleFor(c => c).Must(c => c.Terms.All(t => t.Start is null || c.Start is null || (t.Start >= c.Start && t.End <= c.End)))
            .WithName("Terms").WithMessage("Every term must fall inside the academic year.");
    }
}

public sealed class SetUpAcademicYearHandler(AttendanceDbContext db, CalendarCache calendars) : ICommandHandler<SetUpAcademicYearCommand, Guid>
{
    public async ValueTask<Guid> Handle(SetUpAcademicYearCommand command, CancellationToken cancellationToken)
    {
        var start = command.Start!.Value;
        var end = command.End!.Value;
        if (await db.AcademicYears.AnyAsync(y => y.StartDate <= end && y.EndDate >= start, cancellationToken))
            throw new ConflictException("Those dates overlap an academic year already set up.", "Start");
        var year = new AcademicYear
        {
            Name = command.Name, StartDate = start, EndDate = end, MorningStarts = command.MorningStarts,
            AfternoonStarts = command.AfternoonStarts, RegisterOpenMinutes = command.RegisterOpenMinutes,
        };
        foreach (var t in command.Terms)
            year.Terms.Add(new Term { Name = t.Name.Trim(), StartDate = t.Start!.Value, EndDate = t.End!.Value, HalfTermStart = t.HalfTermStart, HalfTermEnd = t.HalfTermEnd });
        db.AcademicYears.Add(year);
        await db.SaveChangesAsync(cancellationToken);
        calendars.Evict();
        return year.Id;
    }
}

/// <summary>Marks weekdays as not school days (INSET, bank holidays, occasional days): no sessions, no registers.</summary>
public sealed record AddNonSchoolDaysCommand(DateOnly? From, DateOnly? To, NonSchoolDayKind Kind, string Description) : ICommand<int>;

internal sealed class AddNonSchoolDaysValidator : AbstractValidator<AddNonSchoolDaysCommand>
{
    public AddNonSchoolDaysValidator()
    {
        RuleFor(c => c.From).NotNull().WithMessage("Enter the first day.");
        RuleFor(c => c.To).Must((c, to) => to is null || c.From is null || (to >= c.From && to.Value.DayNumber - c.From.Value.DayNumber <= 366))
            .WithMessage("The last day must be on or after the first, within a year.");
        RuleFor(c => c.Description).NotEmpty().WithMessage("Say what the day is, e.g. INSET day.").MaximumLength(100);
        RuleFor(c => c.Kind).IsInEnum();
    }
}

public sealed class AddNonSchoolDaysHandler(AttendanceDbContext db, CalendarCache calendars) : ICommandHandler<AddNonSchoolDaysCommand, int>
{
    public async ValueTask<int> Handle(AddNonSchoolDaysCommand command, CancellationToken cancellationToken)
    {
        var from = command.From!.Value;
        var to = command.To ?? from;
        var taken = await db.NonSchoolDays.Where(d => d.Date >= from && d.Date <= to).Select(d => d.Date).ToListAsync(cancellationToken);
        var marked = await db.Marks.AnyAsync(m => m.Date >= from && m.Date <= to, cancellationToken);
        if (marked)
            throw new DomainRuleException("Registers have already been taken on some of those days; a day with marks cannot become a non-school day.", "From");
        var added = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || taken.Contains(d))
                continue;
            db.NonSchoolDays.Add(new NonSchoolDay { Date = d, Kind = command.Kind, Description = command.Description.Trim() });
            added++;
        }
        await db.SaveChangesAsync(cancellationToken);
        calendars.Evict();
        return added;
    }
}

public sealed record GetCalendarQuery : IQuery<CalendarSummary>;

public sealed record CalendarSummary(IReadOnlyList<YearSummary> Years, IReadOnlyList<NonSchoolDaySummary> NonSchoolDays);
public sealed record YearSummary(string Name, DateOnly Start, DateOnly End, TimeOnly MorningStarts, TimeOnly AfternoonStarts, int RegisterOpenMinutes,
    IReadOnlyList<TermDates> Terms, int SchoolDays);
public sealed record NonSchoolDaySummary(DateOnly Date, NonSchoolDayKind Kind, string Description);

public sealed class GetCalendarHandler(AttendanceDbContext db) : IQueryHandler<GetCalendarQuery, CalendarSummary>
{
    public async ValueTask<CalendarSummary> Handle(GetCalendarQuery query, CancellationToken cancellationToken)
    {
        var years = await db.AcademicYears.AsNoTracking().Include(y => y.Terms).OrderByDescending(y => y.StartDate).ToListAsync(cancellationToken);
        var days = await db.NonSchoolDays.AsNoTracking().OrderBy(d => d.Date).ToListAsync(cancellationToken);
        var view = new CalendarView(years, years.SelectMany(y => y.Terms).ToList(), days.Select(d => d.Date).ToList());
        return new CalendarSummary(
            years.Select(y => new YearSummary(y.Name, y.StartDate, y.EndDate, y.MorningStarts, y.AfternoonStarts, y.RegisterOpenMinutes,
                y.Terms.OrderBy(t => t.StartDate).Select(t => new TermDates(t.Name, t.StartDate, t.EndDate, t.HalfTermStart, t.HalfTermEnd)).ToList(),
                view.SchoolDays(y.StartDate, y.EndDate).Count())).ToList(),
            days.Select(d => new NonSchoolDaySummary(d.Date, d.Kind, d.Description)).ToList());
    }
}
