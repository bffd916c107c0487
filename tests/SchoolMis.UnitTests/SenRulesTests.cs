using SchoolMis.Sen.Domain;

namespace SchoolMis.UnitTests;

/// <summary>The SEN provision rules (NOTES.md section 5) and the ordering of a pupil's provision history.</summary>
public class SenRulesTests
{
    private static List<SenRuleFailure> Check(string? provision, IReadOnlyList<NeedInput>? needs = null, bool history = false,
        DateOnly? start = null, DateOnly? end = null) =>
        [.. SenRules.Check(provision, start ?? new(2025, 9, 3), end, needs ?? [], history)];

    private static NeedInput N(string type, int rank) => new(type, rank);

    [Fact]
    public void Codes_come_from_the_dfe_lists_without_the_unconfirmed_down_syndrome_row()
    {
        SenCodes.Provisions.Keys.Order().ShouldBe(["A", "E", "K", "N", "P", "S"]);
        SenCodes.NeedTypes.Count.ShouldBe(13);
        SenCodes.NeedTypes.ShouldContainKey("NSA");
        SenCodes.IsLegacy("S").ShouldBeTrue();
        SenCodes.IsLegacy("K").ShouldBeFalse();
    }

    [Fact]
    public void Valid_periods_pass()
    {
        Check("N").ShouldBeEmpty();
        Check("K", [N("SPLD", 1), N("SLCN", 2)]).ShouldBeEmpty();
        Check("K", [N("NSA", 1)]).ShouldBeEmpty();
        Check("E", [N("ASD", 1)]).ShouldBeEmpty();
        Check("S", history: true).ShouldBeEmpty(); // legacy history may lack needs
        Check("K", history: true, end: new(2026, 1, 1)).ShouldBeEmpty(); // closed history from a CTF
    }

    [Theory]
    [InlineData("X", "provision", "not an SEN provision code")]
    [InlineData("", "provision", "Give the SEN provision")]
    [InlineData("S", "provision", "legacy code")]
    [InlineData("A", "provision", "legacy code")]
    [InlineData("K", "needs", "primary need")]
    [InlineData("E", "needs", "primary need")]
    public void Provision_refusals_name_the_field(string provision, string field, string message) =>
        Check(provision).ShouldContain(f => f.Field == field && f.Message.Contains(message));

    [Fact]
    public void Need_refusals_name_the_need()
    {
        Check("K", history: true).ShouldContain(f => f.Field == "needs"); // an open K needs needs even when imported
        Check("N", [N("MLD", 1)]).ShouldContain(f => f.Field == "needs" && f.Message.Contains("no need types"));
        Check("K", [N("MLD", 1), N("SLD", 1)]).ShouldContain(f => f.Field == "needs[1].rank" && f.Message.Contains("twice"));
        Check("K", [N("MLD", 1), N("MLD", 2)]).ShouldContain(f => f.Field == "needs[1].type" && f.Message.Contains("twice"));
        Check("K", [N("ZZZ", 1)]).ShouldContain(f => f.Field == "needs[0].type");
        Check("K", [N("MLD", 3)]).ShouldContain(f => f.Field == "needs[0].rank");
        Check("K", [N("MLD", 2)]).ShouldContain(f => f.Message.Contains("needs a primary need"));
        Check("E", [N("NSA", 1)]).ShouldContain(f => f.Field == "needs[0].type" && f.Message.Contains("only with SEN support"));
    }

    [Fact]
    public void The_end_is_not_before_the_start() =>
        Check("N", start: new(2025, 9, 3), end: new(2025, 9, 2)).ShouldContain(f => f.Field == "endDate");

    [Fact]
    public void A_later_period_ends_the_open_one_and_overlaps_are_reported()
    {
        var k = SenProvisionPeriod.Start(Guid.Empty, "K", new(2024, 9, 4), null, "MLD", null);
        var e = SenProvisionPeriod.Start(Guid.Empty, "E", new(2025, 1, 6), null, "MLD", null);
        SenRules.Arrange([e, k]).ShouldBeNull();
        k.EndDate.ShouldBe(new DateOnly(2025, 1, 5));
        e.EndDate.ShouldBeNull();

        var clash = SenProvisionPeriod.Start(Guid.Empty, "N", new(2024, 12, 1), new(2025, 2, 1), null, null);
        SenRules.Arrange([k, e, clash]).ShouldNotBeNull().ShouldContain("overlaps");
        var sameDay = SenProvisionPeriod.Start(Guid.Empty, "N", new(2025, 1, 6), null, null, null);
        SenRules.Arrange([k, e, sameDay]).ShouldNotBeNull();
    }

    [Fact]
    public void The_annual_review_is_due_a_year_after_the_last_review_or_the_issue_unless_set()
    {
        var plan = SenProvisionPeriod.Start(Guid.Empty, "E", new(2024, 1, 8), null, "ASD", null);
        plan.RecordPlan(new(2024, 1, 8), null, null);
        plan.ReviewDue.ShouldBe(new DateOnly(2025, 1, 8));
        plan.ReviewOverdue(new(2025, 1, 9)).ShouldBeTrue();
        plan.ReviewOverdue(new(2025, 1, 8)).ShouldBeFalse();
        plan.RecordPlan(new(2024, 1, 8), new(2025, 1, 6), null);
        plan.ReviewDue.ShouldBe(new DateOnly(2026, 1, 6));
        plan.RecordPlan(new(2024, 1, 8), new(2025, 1, 6), new(2025, 11, 1));
        plan.ReviewDue.ShouldBe(new DateOnly(2025, 11, 1));
        plan.End(new(2025, 8, 31));
        plan.ReviewOverdue(new(2026, 1, 1)).ShouldBeFalse(); // a plan that ended is not chased
    }
}
