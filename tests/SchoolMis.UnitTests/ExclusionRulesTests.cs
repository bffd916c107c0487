using SchoolMis.Exclusions.Domain;

namespace SchoolMis.UnitTests;

/// <summary>The DfE exclusion codes and rules (shared/standards/NOTES.md §4).</summary>
public class ExclusionRulesTests
{
    private static readonly DateOnly Autumn2026 = new(2026, 11, 9);

    private static List<(string Field, string Message)> Check(string? category, DateOnly? start, DateOnly? end, params string[] reasons) =>
        ExclusionRules.Check(category, start, end, reasons, null).ToList();

    [Fact]
    public void Reasons_are_read_with_their_dates_from_the_DfE_list()
    {
        ExclusionCodes.Reasons.Count.ShouldBe(17);
        ExclusionCodes.Reason("OT")!.ValidTo.ShouldBe(new DateOnly(2020, 8, 31));
        ExclusionCodes.Reason("OW")!.ValidFrom.ShouldBe(new DateOnly(2020, 9, 1));
        ExclusionCodes.Reason("PP")!.ValidFrom.ShouldBe(DateOnly.MinValue);
        ExclusionCodes.Reason("PH")!.ValidTo.ShouldBe(DateOnly.MaxValue);
        ExclusionCodes.ValidOn(Autumn2026).Select(r => r.Code).ShouldNotContain("OT");
        ExclusionCodes.ValidOn(new DateOnly(2019, 1, 7)).Select(r => r.Code).ShouldContain("OT");
        ExclusionCodes.ValidOn(new DateOnly(2019, 1, 7)).Select(r => r.Code).ShouldNotContain("MT");
    }

    [Fact]
    public void A_good_suspension_passes()
    {
        Check("SUSP", Autumn2026, Autumn2026.AddDays(2), "PP", "VA", "DB").ShouldBeEmpty();
        Check("FIXD", new DateOnly(2019, 3, 4), new DateOnly(2019, 3, 5), "OT").ShouldBeEmpty();
        Check("PERM", Autumn2026, null, "OW").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("SUSP", "2026-11-09", "2026-11-08", "PP", "EndDate")]
    [InlineData("PERM", "2026-11-09", "2026-11-10", "PP", "EndDate")]
    [InlineData("SUSP", "2026-11-09", null, "OT", "Reasons")]
    [InlineData("SUSP", "2020-08-31", null, "MT", "Reasons")]
    [InlineData("SUSP", "2026-11-09", null, "PP,PA,VP,VA", "Reasons")]
    [InlineData("SUSP", "2026-11-09", null, "PP,pp", "Reasons")]
    [InlineData("SUSP", "2026-11-09", null, "", "Reasons")]
    [InlineData("EXPL", "2026-11-09", null, "PP", "Category")]
    [InlineData("", "2026-11-09", null, "PP", "Category")]
    public void Bad_input_is_refused_naming_the_field(string category, string start, string? end, string reasons, string field) =>
        Check(category, DateOnly.Parse(start), end is null ? null : DateOnly.Parse(end), reasons.Split(',', StringSplitOptions.RemoveEmptyEntries))
            .ShouldContain(e => e.Field == field);

    [Fact]
    public void OT_is_fine_the_day_before_it_was_withdrawn_and_refused_the_day_after()
    {
        Check("SUSP", new DateOnly(2020, 8, 31), null, "OT").ShouldBeEmpty();
        Check("SUSP", new DateOnly(2020, 9, 1), null, "OT").ShouldHaveSingleItem().Message.ShouldContain("withdrawn on 1 September 2020");
    }

    [Theory]
    [InlineData("SUSP", 3, 6)]
    [InlineData("FIXD", 3, 6)]
    [InlineData("LNCH", 3, 3)]
    public void Sessions_are_two_a_school_day_and_one_for_lunchtime(string category, int days, int sessions) =>
        ExclusionRules.SessionsFor(category, days).ShouldBe(sessions);

    [Fact]
    public void A_permanent_exclusion_has_no_end_to_count_sessions_to() => ExclusionRules.SessionsFor("PERM", 5).ShouldBeNull();

    [Fact]
    public void E_marks_cover_a_suspension_or_a_permanent_exclusions_first_sessions_never_lunchtime_or_alternative_provision()
    {
        DateOnly[] days = [new(2026, 11, 9), new(2026, 11, 10), new(2026, 11, 11)];
        ExclusionRules.DaysMarkedE("SUSP", false, 6, days).ShouldBe(days);
        ExclusionRules.DaysMarkedE("SUSP", true, 6, days).ShouldBeEmpty();
        ExclusionRules.DaysMarkedE("LNCH", false, 3, days).ShouldBeEmpty();
        ExclusionRules.DaysMarkedE("PERM", false, 3, days).ShouldBe(days[..2]);
    }

    [Theory]
    [InlineData(90, false)]
    [InlineData(91, true)]
    public void The_warning_starts_past_45_school_days(int sessions, bool warned) =>
        ExclusionRules.PassesSuspensionLimit(sessions).ShouldBe(warned);
}
