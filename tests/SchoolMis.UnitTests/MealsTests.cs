using SchoolMis.Meals.Domain;
using SchoolMis.Meals.Features.MealRegister;
using SchoolMis.Platform.Messaging;

namespace SchoolMis.UnitTests;

/// <summary>The rules of FSM periods, Universal Infant FSM and what a meal costs.</summary>
public class MealsTests
{
    private static FsmPeriod Period(string start, string? end) =>
        FsmPeriod.Record(Guid.NewGuid(), DateOnly.Parse(start), end is null ? null : DateOnly.Parse(end), "ENG", DateTimeOffset.UnixEpoch, "test");

    [Theory]
    [InlineData("2025-01-01", "2025-03-31", "2025-03-31", "2025-06-30", true)]   // sharing a day overlaps
    [InlineData("2025-01-01", "2025-03-31", "2025-04-01", null, false)]          // the next day does not
    [InlineData("2025-01-01", null, "2030-01-01", "2030-02-01", true)]           // an open period covers everything after
    [InlineData("2025-05-01", "2025-06-01", "2025-01-01", null, true)]
    [InlineData("2025-05-01", "2025-06-01", "2024-01-01", "2025-04-30", false)]
    public void Periods_overlap_when_they_share_a_day(string start, string? end, string otherStart, string? otherEnd, bool overlaps) =>
        Period(start, end).Overlaps(DateOnly.Parse(otherStart), otherEnd is null ? null : DateOnly.Parse(otherEnd)).ShouldBe(overlaps);

    [Fact]
    public void A_period_cannot_end_before_it_starts()
    {
        var refusal = Should.Throw<DomainRuleException>(() => Period("2025-05-01", "2025-04-30"));
        refusal.Message.ShouldStartWith("The end date (30 ");
        refusal.Message.ShouldContain("is before the start date (1 ");
        refusal.Field.ShouldBe("EndDate");
        Period("2025-05-01", "2025-05-01").Covers(new DateOnly(2025, 5, 1)).ShouldBeTrue(); // a one-day period is fine
    }

    [Theory]
    [InlineData("N2", false)]
    [InlineData("R", true)]
    [InlineData("1", true)]
    [InlineData("2", true)]
    [InlineData("3", false)]
    [InlineData("X", false)]
    public void Universal_infant_fsm_is_reception_to_year_2(string ncYear, bool infant) => FsmRules.IsUniversalInfant(ncYear).ShouldBe(infant);

    [Theory]
    [InlineData(true, false, "4", true)]   // a junior's school lunch is paid
    [InlineData(true, true, "4", false)]   // unless they have FSM
    [InlineData(true, false, "R", false)]  // infants' school lunches are free (UIFSM)
    [InlineData(false, false, "4", false)] // a lunch from home costs the school nothing
    public void A_school_lunch_is_paid_unless_free(bool schoolLunch, bool fsm, string ncYear, bool paid) =>
        MealRules.DefaultPaid(schoolLunch, fsm, ncYear).ShouldBe(paid);
}
