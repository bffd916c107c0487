using SchoolMis.Census.Domain;

namespace SchoolMis.UnitTests;

/// <summary>Census days by the DfE rule, the windows collected in arrears (NOTES.md 1.1) and the DfE file name.</summary>
public class CensusCollectionTests
{
    [Theory]
    // The published 2024/25 dates, which the rule must reproduce, and the 2025/26 and 2026/27 ones it gives.
    [InlineData(2024, "AUT", "2024-10-03")]
    [InlineData(2025, "SPR", "2025-01-16")]
    [InlineData(2025, "SUM", "2025-05-15")]
    [InlineData(2025, "AUT", "2025-10-02")]
    [InlineData(2026, "SPR", "2026-01-15")]
    [InlineData(2026, "SUM", "2026-05-21")]
    [InlineData(2026, "AUT", "2026-10-01")]
    [InlineData(2027, "SPR", "2027-01-21")]
    public void Census_day_follows_the_DfE_rule(int year, string term, string expected)
    {
        CensusCollection.TryParse(year, term, out var c).ShouldBeTrue();
        c.CensusDay.ShouldBe(DateOnly.Parse(expected));
        c.CensusDay.DayOfWeek.ShouldBe(DayOfWeek.Thursday);
    }

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    public void Easter_Sunday_is_computed_for_the_spring_term_s_end(int year, string easter) =>
        CensusCollection.EasterSunday(year).ShouldBe(DateOnly.Parse(easter));

    [Fact]
    public void Spring_collects_the_autumn_term_s_attendance_and_the_previous_summer_s_exclusions()
    {
        var c = new CensusCollection(2026, CensusTerm.Spring);
        c.AttendanceWindow.ShouldBe(new DateRange(new(2025, 8, 1), new(2025, 12, 31)));
        c.ExclusionWindow.ShouldBe(new DateRange(new(2025, 4, 21), new(2025, 7, 31)));
        c.SummerHalfTerm2Window.ShouldBeNull();
    }

    [Fact]
    public void Summer_collects_the_spring_term_s_attendance_and_the_autumn_term_s_exclusions()
    {
        var c = new CensusCollection(2026, CensusTerm.Summer);
        c.AttendanceWindow.ShouldBe(new DateRange(new(2026, 1, 1), new(2026, 4, 5)));
        c.ExclusionWindow.ShouldBe(new DateRange(new(2025, 8, 1), new(2025, 12, 31)));
    }

    [Fact]
    public void Autumn_collects_both_halves_of_the_summer_term_and_the_spring_term_s_exclusions()
    {
        var c = new CensusCollection(2026, CensusTerm.Autumn);
        // The spring bank holiday 2026 is Monday 25 May.
        c.AttendanceWindow.ShouldBe(new DateRange(new(2026, 4, 6), new(2026, 5, 24)));
        c.SummerHalfTerm2Window.ShouldBe(new DateRange(new(2026, 5, 25), new(2026, 7, 31)));
        c.ExclusionWindow.ShouldBe(new DateRange(new(2026, 1, 1), new(2026, 4, 5)));
    }

    [Fact]
    public void The_previous_collection_bounds_the_FSM_periods_a_return_carries()
    {
        new CensusCollection(2026, CensusTerm.Spring).Previous.ShouldBe(new CensusCollection(2025, CensusTerm.Autumn));
        new CensusCollection(2026, CensusTerm.Summer).Previous.ShouldBe(new CensusCollection(2026, CensusTerm.Spring));
        new CensusCollection(2026, CensusTerm.Autumn).Previous.ShouldBe(new CensusCollection(2026, CensusTerm.Summer));
    }

    [Theory]
    [InlineData("2026-12-05", 2027, "SPR")]
    [InlineData("2027-01-21", 2027, "SPR")]
    [InlineData("2027-01-22", 2027, "SUM")]
    [InlineData("2026-06-01", 2026, "AUT")]
    public void The_upcoming_collection_is_the_first_whose_census_day_is_not_past(string today, int year, string term)
    {
        var c = CensusCollection.Upcoming(DateOnly.Parse(today));
        (c.Year, c.TermCode).ShouldBe((year, term));
    }

    [Fact]
    public void The_file_name_follows_the_DfE_pattern()
    {
        new CensusCollection(2024, CensusTerm.Autumn).FileName("380", "4001", 1).ShouldBe("3804001_SC3_380LL24_001.XML");
        new CensusCollection(2027, CensusTerm.Spring).FileName("801", "2001", 12).ShouldBe("8012001_SC1_801LL27_012.XML");
    }

    [Theory]
    [InlineData(2026, "WIN")]
    [InlineData(1999, "AUT")]
    [InlineData(2026, null)]
    public void Unknown_collections_are_refused(int year, string? term) =>
        CensusCollection.TryParse(year, term, out _).ShouldBeFalse();
}
