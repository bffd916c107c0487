using SchoolMis.Attendance.Domain;
using SchoolMis.Attendance.Features.Statistics;

namespace SchoolMis.UnitTests;

public class AttendanceCodeTests
{
    private static readonly DateOnly After = new(2026, 11, 3);
    private static readonly DateOnly Before = new(2023, 11, 7);

    [Theory]
    [InlineData("/", MarkCategory.Present)]
    [InlineData("L", MarkCategory.Present)]
    [InlineData("K", MarkCategory.ApprovedActivity)]
    [InlineData("C1", MarkCategory.Authorised)]
    [InlineData("J1", MarkCategory.Authorised)]
    [InlineData("I", MarkCategory.Authorised)]
    [InlineData("Y4", MarkCategory.NotCounted)]
    [InlineData("D", MarkCategory.NotCounted)]
    [InlineData("#", MarkCategory.NotCounted)]
    [InlineData("U", MarkCategory.Unauthorised)]
    [InlineData("N", MarkCategory.Unauthorised)]
    public void The_2024_codes_carry_their_statistical_meaning(string code, MarkCategory category) =>
        AttendanceCodes.On(code, After)!.Category.ShouldBe(category);

    [Fact]
    public void Legacy_codes_keep_their_meaning_on_old_dates_and_are_refused_on_new_ones()
    {
        AttendanceCodes.On("H", Before)!.Category.ShouldBe(MarkCategory.Authorised);
        AttendanceCodes.On("J", Before)!.Category.ShouldBe(MarkCategory.ApprovedActivity); // was an approved activity
        AttendanceCodes.On("Y", Before)!.Category.ShouldBe(MarkCategory.NotCounted);
        AttendanceCodes.On("H", After).ShouldBeNull();
        AttendanceCodes.Refusal("H", After)!.ShouldContain("withdrawn on 19 August 2024");
        AttendanceCodes.Refusal("J", After)!.ShouldContain("use J1");
    }

    [Fact]
    public void New_codes_do_not_exist_before_the_2024_regulations()
    {
        AttendanceCodes.On("C1", Before).ShouldBeNull();
        AttendanceCodes.Refusal("Y7", Before)!.ShouldContain("only exists from 19 August 2024");
        AttendanceCodes.On("K", new DateOnly(2024, 8, 18)).ShouldBeNull();
        AttendanceCodes.On("K", new DateOnly(2024, 8, 19)).ShouldNotBeNull();
    }

    [Fact]
    public void Unknown_codes_are_refused() => AttendanceCodes.Refusal("Q9", After).ShouldBe("'Q9' is not an attendance code.");
}

public class AttendanceFiguresTests
{
    [Fact]
    public void Possible_sessions_leave_out_not_counted_codes()
    {
        var f = AttendanceFigures.From([(MarkCategory.Present, 150), (MarkCategory.ApprovedActivity, 6), (MarkCategory.Authorised, 10),
            (MarkCategory.Unauthorised, 4), (MarkCategory.NotCounted, 20)]);
        f.Possible.ShouldBe(170);
        f.Attended.ShouldBe(156);
        f.AttendancePercent.ShouldBe(91.8m);
        f.AbsencePercent.ShouldBe(8.2m);
        f.PersistentlyAbsent.ShouldBeFalse();
    }

    [Fact]
    public void Persistent_absence_starts_at_exactly_ten_percent_and_severe_at_fifty()
    {
        new AttendanceFigures(90, 0, 10, 0, 0).PersistentlyAbsent.ShouldBeTrue();   // 10 of 100
        new AttendanceFigures(91, 0, 9, 0, 0).PersistentlyAbsent.ShouldBeFalse();
        new AttendanceFigures(86, 0, 5, 4, 0).PersistentlyAbsent.ShouldBeFalse();   // 9 of 95 is 9.47%
        new AttendanceFigures(85, 0, 5, 5, 0).PersistentlyAbsent.ShouldBeTrue();    // 10 of 95 is 10.5%
        new AttendanceFigures(50, 0, 25, 25, 0).SeverelyAbsent.ShouldBeTrue();
        new AttendanceFigures(51, 0, 25, 24, 0).SeverelyAbsent.ShouldBeFalse();
    }

    [Fact]
    public void A_pupil_with_only_not_counted_sessions_has_no_rate_and_is_not_absent()
    {
        var f = new AttendanceFigures(0, 0, 0, 0, 12);
        f.Possible.ShouldBe(0);
        f.AttendancePercent.ShouldBeNull();
        f.PersistentlyAbsent.ShouldBeFalse();
    }

    [Fact]
    public void Legacy_marks_count_by_their_old_meaning()
    {
        // An old J (interview) was an approved activity, so it counts as attended; a new J1 is authorised absence.
        var old = new DateOnly(2024, 3, 5);
        var recent = new DateOnly(2024, 10, 8);
        var f = AttendanceFigures.From(
        [
            (AttendanceCodes.On("J", old)!.Category, 1), (AttendanceCodes.On("J1", recent)!.Category, 1),
            (AttendanceCodes.On("H", old)!.Category, 2), (AttendanceCodes.On("Y", old)!.Category, 1), (AttendanceCodes.On("/", recent)!.Category, 6),
        ]);
        f.Attended.ShouldBe(7);
        f.Authorised.ShouldBe(3);
        f.Possible.ShouldBe(10);
        f.NotCounted.ShouldBe(1);
    }

    [Fact]
    public void Weeks_begin_on_monday_so_partial_weeks_fold_together()
    {
        GetWeeklyAttendanceHandler.WeekBeginning(new DateOnly(2026, 12, 4)).ShouldBe(new DateOnly(2026, 11, 30)); // Friday
        GetWeeklyAttendanceHandler.WeekBeginning(new DateOnly(2026, 11, 30)).ShouldBe(new DateOnly(2026, 11, 30)); // Monday
        GetWeeklyAttendanceHandler.WeekBeginning(new DateOnly(2026, 12, 6)).ShouldBe(new DateOnly(2026, 11, 30));  // Sunday
        var week = new AttendanceFigures(6, 0, 0, 0, 0) + new AttendanceFigures(3, 0, 1, 0, 0); // a 3-day then a 2-day part
        week.AttendancePercent.ShouldBe(90.0m);
    }
}

public class CalendarTests
{
    [Fact]
    public void School_days_are_term_weekdays_outside_half_term_and_non_school_days()
    {
        var year = new AcademicYear { Name = "2026/27", StartDate = new(2026, 9, 1), EndDate = new(2027, 8, 31) };
        var term = new Term { Name = "Autumn", StartDate = new(2026, 9, 3), EndDate = new(2026, 12, 18), HalfTermStart = new(2026, 10, 26), HalfTermEnd = new(2026, 10, 30) };
        var calendar = new CalendarView([year], [term], [new DateOnly(2026, 11, 16)]);

        calendar.IsSchoolDay(new(2026, 9, 2)).ShouldBeFalse();   // before term
        calendar.IsSchoolDay(new(2026, 9, 3)).ShouldBeTrue();
        calendar.IsSchoolDay(new(2026, 9, 5)).ShouldBeFalse();   // Saturday
        calendar.IsSchoolDay(new(2026, 10, 27)).ShouldBeFalse(); // half term
        calendar.IsSchoolDay(new(2026, 11, 16)).ShouldBeFalse(); // INSET
        calendar.SchoolDays(new(2026, 11, 9), new(2026, 11, 20)).Count().ShouldBe(9);
        calendar.RegisterCloses(new(2026, 11, 10), Session.AM).ShouldBe(new TimeOnly(9, 20));
    }
}

public class StatisticsCsvTests
{
    [Fact]
    public void Names_cannot_become_spreadsheet_formulas()
    {
        var stats = new AttendanceStatistics(new(2026, 9, 1), new(2026, 12, 4), new AttendanceFigures(9, 0, 1, 0, 0),
            [new PupilFigures(Guid.NewGuid(), "=HYPERLINK(\"x\")", "H801200001001", new AttendanceFigures(9, 0, 1, 0, 0))]);
        var csv = StatisticsCsv.Write(stats);
        csv.ShouldContain("\"'=HYPERLINK(\"\"x\"\")\",H801200001001,10,9,0,1,0,0,90.0,Y,N");
    }
}
