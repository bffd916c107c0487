using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Census.Domain;
using SchoolMis.Census.Returns;
using SchoolMis.Census.Validation;
using SchoolMis.Meals.Contracts;
using SchoolMis.Platform.Tenancy;
using SchoolMis.Pupils.Contracts;
using SchoolMis.Sen.Contracts;

namespace SchoolMis.UnitTests;

/// <summary>
/// Every census rule over returns built by hand: a clean pupil raises nothing, and each broken item raises exactly its
/// rule, with its severity and the place it is fixed.
/// </summary>
public class CensusRulesTests
{
    // Spring 2027: census day 21 January 2027; ages are measured on 31 August 2026; attendance from 1 August 2026.
    private static readonly CensusCollection Spring = new(2027, CensusTerm.Spring);
    private static readonly DateTime AfterCensusDay = new(2027, 1, 25, 10, 0, 0);

    private static readonly CensusValidator Validator = new(new ServiceCollection().AddCensusRules().BuildServiceProvider().GetServices<ICensusRule>());

    private static CensusPupil Pupil(string upn = "H801200001001") => new(Guid.NewGuid(), "ext-1", upn, null, "SMITH", "Alex", null, null, null, null,
        "F", new DateOnly(2018, 5, 1), "WBRI", "ENG", "C", "3", new DateOnly(2022, 9, 5), null, ["1 High Street", "Bristol"], "BS1 4DJ",
        ServiceChild: "N");

    private static readonly CensusAttendance SomeSessions = new(120, 4, 0, 0, 0, [new("I", 4)]);

    private static CensusPupilReturn OnRoll(CensusPupil pupil) =>
        new(pupil, [], null, "N", [], [], AttendanceDue: true, SomeSessions, null);

    private static CensusReturnData Return(DateTime? at = null, params CensusPupilReturn[] onRoll) => Return(onRoll, [], at);

    private static CensusReturnData Return(IReadOnlyList<CensusPupilReturn> onRoll, IReadOnlyList<CensusPupilReturn> leavers, DateTime? at = null) =>
        new(new TenantInfo(Guid.NewGuid(), "oak", "Oak", "801", "2345", "138245", "PS", SchoolStatus.Active), Spring, at ?? AfterCensusDay, 1,
            onRoll, leavers, null);

    private static List<CensusProblem> Problems(CensusReturnData data)
    {
        var v = Validator.Validate(data);
        return [.. v.Errors, .. v.Queries];
    }

    /// <summary>The one problem a change to a clean pupil raises.</summary>
    private static CensusProblem Only(CensusPupilReturn r, DateTime? at = null)
    {
        var problems = Problems(Return(at, r));
        problems.Count.ShouldBe(1, string.Join("; ", problems.Select(p => $"{p.Rule}: {p.Message}")));
        problems[0].Pupil.ShouldBe(r.Pupil);
        return problems[0];
    }

    private static void ShouldBe(CensusProblem p, string rule, ProblemSeverity severity, FixPlace fix, string wording)
    {
        p.Rule.ShouldBe(rule);
        p.Severity.ShouldBe(severity);
        p.Fix.ShouldBe(fix);
        p.Message.ShouldContain(wording);
    }

    [Fact]
    public void A_complete_pupil_raises_nothing()
    {
        Problems(Return(null, OnRoll(Pupil()))).ShouldBeEmpty();
        var leaver = OnRoll(Pupil("B801200005001") with { LeavingDate = new DateOnly(2026, 12, 1) });
        Problems(Return([OnRoll(Pupil())], [leaver])).ShouldBeEmpty();
    }

    [Fact]
    public void Every_rule_is_registered_once_with_its_own_id()
    {
        var rules = new ServiceCollection().AddCensusRules().BuildServiceProvider().GetServices<ICensusRule>().ToList();
        rules.Count.ShouldBeGreaterThanOrEqualTo(25);
        rules.Select(r => r.GetType()).Distinct().Count().ShouldBe(rules.Count);
    }

    [Fact]
    public void Upn_check_letter_duplicates_and_temporary_upns()
    {
        ShouldBe(Only(OnRoll(Pupil("Z801200001001"))), "UPN-CHECK", ProblemSeverity.Error, FixPlace.PupilDetails, "wrong check letter");
        ShouldBe(Only(OnRoll(Pupil("G80120000101A"))), "UPN-TEMPORARY", ProblemSeverity.Query, FixPlace.PupilDetails, "permanent UPN");

        var a = OnRoll(Pupil());
        var b = OnRoll(Pupil("h801200001001") with { Surname = "JONES" }); // the same UPN, in lower case
        var leaver = OnRoll(Pupil() with { Surname = "BROWN", LeavingDate = new DateOnly(2026, 12, 1) });
        var problems = Problems(Return([a, b], [leaver])).Where(p => p.Rule != "UPN-CHECK").ToList(); // lower case also fails the check letter
        problems.Select(p => p.Rule).ShouldBe(["UPN-DUPLICATE", "UPN-DUPLICATE", "UPN-DUPLICATE"]);
        problems.Select(p => p.Pupil!.Surname).Order().ShouldBe(["BROWN", "JONES", "SMITH"]);
        problems[0].Message.ShouldContain("2 other pupil(s)");
        problems[0].Severity.ShouldBe(ProblemSeverity.Error);
    }

    [Fact]
    public void Uln_when_given_passes_its_check_digit()
    {
        Problems(Return(null, OnRoll(Pupil() with { Uln = "9276308686" }))).ShouldBeEmpty();
        ShouldBe(Only(OnRoll(Pupil() with { Uln = "1000000063" })), "ULN-CHECK", ProblemSeverity.Error, FixPlace.PupilDetails, "ULN 1000000063");
    }

    [Theory]
    [InlineData("U")]
    [InlineData("")]
    public void Sex_is_m_or_f(string sex) =>
        ShouldBe(Only(OnRoll(Pupil() with { Sex = sex })), "SEX", ProblemSeverity.Error, FixPlace.PupilDetails, "male (M) or female (F)");

    [Fact]
    public void Ethnicity_is_recorded_from_the_dfe_list()
    {
        ShouldBe(Only(OnRoll(Pupil() with { Ethnicity = null })), "ETHNICITY-MISSING", ProblemSeverity.Error, FixPlace.PupilDetails, "No ethnicity recorded");
        ShouldBe(Only(OnRoll(Pupil() with { Ethnicity = " " })), "ETHNICITY-MISSING", ProblemSeverity.Error, FixPlace.PupilDetails, "REFU");
        ShouldBe(Only(OnRoll(Pupil() with { Ethnicity = "WXYZ" })), "ETHNICITY-CODE", ProblemSeverity.Error, FixPlace.PupilDetails, "\"WXYZ\" is not on the DfE list");
        Problems(Return(null, OnRoll(Pupil() with { Ethnicity = "REFU" }))).ShouldBeEmpty();
        Problems(Return(null, OnRoll(Pupil() with { Ethnicity = "WCOR" }))).ShouldBeEmpty(); // an extended code
    }

    [Fact]
    public void First_language_is_recorded_from_the_dfe_list()
    {
        ShouldBe(Only(OnRoll(Pupil() with { FirstLanguage = null })), "LANGUAGE-MISSING", ProblemSeverity.Error, FixPlace.PupilDetails, "No first language");
        ShouldBe(Only(OnRoll(Pupil() with { FirstLanguage = "KLINGON" })), "LANGUAGE-CODE", ProblemSeverity.Error, FixPlace.PupilDetails, "\"KLINGON\"");
        Problems(Return(null, OnRoll(Pupil() with { FirstLanguage = "POL" }))).ShouldBeEmpty();
    }

    [Fact]
    public void Service_child_not_recorded_is_a_query_and_every_recorded_code_passes()
    {
        ShouldBe(Only(OnRoll(Pupil() with { ServiceChild = null })), "SERVICE-CHILD", ProblemSeverity.Query, FixPlace.PupilDetails, "U (unknown)");
        foreach (var code in new[] { "Y", "N", "U", "R" })
            Problems(Return(null, OnRoll(Pupil() with { ServiceChild = code }))).ShouldBeEmpty();
        // Leavers' service child status is not returned, so it is not queried.
        Problems(Return([], [OnRoll(Pupil() with { ServiceChild = null, LeavingDate = new DateOnly(2026, 12, 1) })])).ShouldBeEmpty();
    }

    [Fact]
    public void Nc_year_is_from_the_list()
    {
        ShouldBe(Only(OnRoll(Pupil() with { NcYear = "" })), "NCYEAR", ProblemSeverity.Error, FixPlace.PupilDetails, "No national curriculum year");
        ShouldBe(Only(OnRoll(Pupil() with { NcYear = "15" })), "NCYEAR", ProblemSeverity.Error, FixPlace.PupilDetails, "\"15\" is not");
        Problems(Return(null, OnRoll(Pupil() with { NcYear = "X" }))).ShouldBeEmpty(); // X has no usual age
    }

    [Theory]
    [InlineData("2018-05-01", "3", false)] // 8 on 31 August 2026, year 3 (usually 7): within a year
    [InlineData("2019-08-31", "3", false)] // 7 that day
    [InlineData("2017-09-01", "3", false)] // 8
    [InlineData("2017-08-31", "3", true)]  // 9: two years older than usual
    [InlineData("2020-08-31", "3", false)] // 6: within a year of 7
    [InlineData("2021-08-31", "3", true)]  // 5: two years younger
    [InlineData("2022-03-01", "R", false)] // 4 in reception
    [InlineData("2024-03-01", "R", true)]  // 2 in reception
    public void Age_more_than_a_year_out_for_the_nc_year_is_a_query(string dateOfBirth, string ncYear, bool query)
    {
        var pupil = Pupil() with
        {
            DateOfBirth = DateOnly.Parse(dateOfBirth, System.Globalization.CultureInfo.InvariantCulture), NcYear = ncYear, AdmissionDate = new DateOnly(2026, 9, 3),
        };
        var age = NcYears.AgeOn(pupil.DateOfBirth, new DateOnly(2026, 8, 31));
        query.ShouldBe(Math.Abs(age - NcYears.TypicalAge(ncYear)!.Value) > 1, "the test's own expectation");
        var problems = Problems(Return(null, OnRoll(pupil)));
        if (!query)
        {
            problems.ShouldBeEmpty();
            return;
        }
        ShouldBe(problems.Single(), "AGE-NCYEAR", ProblemSeverity.Query, FixPlace.PupilDetails, $"Aged {age} on 31 August 2026 but in NC year {ncYear}");
    }

    [Fact]
    public void Enrolment_status_and_dates()
    {
        ShouldBe(Only(OnRoll(Pupil() with { EnrolmentStatus = "G" })), "ENROLMENT-STATUS", ProblemSeverity.Error, FixPlace.PupilDetails, "\"G\"");
        ShouldBe(Only(OnRoll(Pupil() with { AdmissionDate = new DateOnly(2018, 4, 1) })), "ENTRY-BEFORE-BIRTH", ProblemSeverity.Error, FixPlace.PupilDetails,
            "Entry date 1 April 2018");
        var leaver = OnRoll(Pupil() with { LeavingDate = new DateOnly(2022, 9, 1) });
        var problems = Problems(Return([], [leaver]));
        ShouldBe(problems.Single(), "LEAVING-BEFORE-ENTRY", ProblemSeverity.Error, FixPlace.PupilDetails, "Leaving date 1 September 2022 is before the entry date 5 September 2022");
    }

    [Fact]
    public void No_possible_sessions_for_a_pupil_whose_attendance_is_due_is_a_query()
    {
        ShouldBe(Only(OnRoll(Pupil()) with { TermlyAttendance = null }), "ATTENDANCE-NONE", ProblemSeverity.Query, FixPlace.Attendance,
            "from 1 August 2026 to 31 December 2026");
        // Not due (too young, or not on roll in the window): nothing to say.
        Problems(Return(null, OnRoll(Pupil()) with { AttendanceDue = false, TermlyAttendance = null })).ShouldBeEmpty();
        // Before the window has begun nothing could have been recorded.
        Problems(Return(new DateTime(2026, 7, 20), OnRoll(Pupil()) with { TermlyAttendance = null })).ShouldBeEmpty();
    }

    private static FsmPeriodInfo Fsm(CensusPupil p, string from, string? to) =>
        new(p.PupilId, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), "ENG");

    [Fact]
    public void Fsm_periods_neither_end_before_they_start_nor_overlap()
    {
        var p = Pupil();
        Problems(Return(null, OnRoll(p) with { FsmPeriods = [Fsm(p, "2025-09-01", "2026-03-31"), Fsm(p, "2026-04-01", null)] })).ShouldBeEmpty();

        ShouldBe(Only(OnRoll(p) with { FsmPeriods = [Fsm(p, "2026-10-01", "2026-09-30")] }), "FSM-DATES", ProblemSeverity.Error, FixPlace.FreeSchoolMeals,
            "ends (30 September 2026) before it starts (1 October 2026)");
        ShouldBe(Only(OnRoll(p) with { FsmPeriods = [Fsm(p, "2026-04-01", null), Fsm(p, "2025-09-01", "2026-04-01")] }), "FSM-OVERLAP", ProblemSeverity.Error,
            FixPlace.FreeSchoolMeals, "one from 1 September 2025, another from 1 April 2026");
        // An open period overlaps anything after it; several overlaps are one job for the office.
        ShouldBe(Only(OnRoll(p) with { FsmPeriods = [Fsm(p, "2025-09-01", null), Fsm(p, "2026-01-05", "2026-02-01"), Fsm(p, "2026-03-01", null)] }),
            "FSM-OVERLAP", ProblemSeverity.Error, FixPlace.FreeSchoolMeals, "overlap");
    }

    [Fact]
    public void No_school_lunch_on_census_day_is_a_query_once_census_day_has_come()
    {
        var infant = Pupil() with { NcYear = "1", DateOfBirth = new DateOnly(2020, 10, 1) };
        ShouldBe(Only(OnRoll(infant) with { SchoolLunchTaken = false }), "LUNCH-NOT-TAKEN", ProblemSeverity.Query, FixPlace.Meals,
            "No school lunch recorded on census day (21 January 2027); check the meal register");
        Problems(Return(null, OnRoll(infant) with { SchoolLunchTaken = true })).ShouldBeEmpty();
        Problems(Return(new DateTime(2027, 1, 20), OnRoll(infant) with { SchoolLunchTaken = false })).ShouldBeEmpty();
        ShouldBe(Only(OnRoll(infant) with { SchoolLunchTaken = false }, new DateTime(2027, 1, 21, 14, 0, 0)), "LUNCH-NOT-TAKEN", ProblemSeverity.Query,
            FixPlace.Meals, "meal register");
    }

    [Fact]
    public void Sen_needs_go_with_k_and_e_only()
    {
        var p = Pupil();
        Problems(Return(null, OnRoll(p) with { SenProvision = "K", SenNeeds = [new("NSA", 1)] })).ShouldBeEmpty();
        Problems(Return(null, OnRoll(p) with { SenProvision = "E", SenNeeds = [new("ASD", 1), new("SLCN", 2)] })).ShouldBeEmpty();
        ShouldBe(Only(OnRoll(p) with { SenProvision = "K" }), "SEN-NEED-MISSING", ProblemSeverity.Error, FixPlace.Sen, "SEN support (K) but no type of need");
        ShouldBe(Only(OnRoll(p) with { SenProvision = "E" }), "SEN-NEED-MISSING", ProblemSeverity.Error, FixPlace.Sen, "an EHC plan (E)");
        ShouldBe(Only(OnRoll(p) with { SenNeeds = [new("MLD", 1)] }), "SEN-NEED-UNEXPECTED", ProblemSeverity.Error, FixPlace.Sen, "remove the need types");
        ShouldBe(Only(OnRoll(p) with { SenProvision = "E", SenNeeds = [new("NSA", 1)] }), "SEN-NSA", ProblemSeverity.Error, FixPlace.Sen, "only for SEN support (K)");
        ShouldBe(Only(OnRoll(p) with { SenProvision = "S", SenNeeds = [new("MLD", 1)] }), "SEN-PROVISION", ProblemSeverity.Error, FixPlace.Sen, "\"S\" is an old code");
    }

    [Fact]
    public void Exclusions_start_while_the_pupil_is_on_roll()
    {
        var p = Pupil() with { AdmissionDate = new DateOnly(2026, 4, 20) };
        CensusExclusion Excl(int month, int day) => new("SUSP", ["VA"], new DateOnly(2026, month, day), 2, "N");
        Problems(Return(null, OnRoll(p) with { Exclusions = [Excl(4, 20)] })).ShouldBeEmpty();
        ShouldBe(Only(OnRoll(p) with { Exclusions = [Excl(4, 17)] }), "EXCLUSION-BEFORE-ENTRY", ProblemSeverity.Error, FixPlace.Exclusions,
            "starts on 17 April 2026, before the pupil's entry date (20 April 2026)");

        var leaver = OnRoll(p with { LeavingDate = new DateOnly(2026, 6, 1) }) with { Exclusions = [Excl(6, 1)] };
        ShouldBe(Problems(Return([], [leaver])).Single(), "EXCLUSION-AFTER-LEAVING", ProblemSeverity.Error, FixPlace.Exclusions, "after the pupil left");
    }

    [Theory]
    [InlineData(null, "No home postcode")]
    [InlineData("", "No home postcode")]
    [InlineData("BS1", "\"BS1\" is not a valid UK postcode")]
    [InlineData("BS14DJ", "not a valid UK postcode")]
    [InlineData("123 ABC", "not a valid UK postcode")]
    public void Postcode_missing_or_malformed_is_a_query(string? postcode, string wording) =>
        ShouldBe(Only(OnRoll(Pupil() with { Postcode = postcode })), "POSTCODE", ProblemSeverity.Query, FixPlace.PupilDetails, wording);

    [Theory]
    [InlineData("SW1A 1AA")]
    [InlineData("M1 1AE")]
    [InlineData("B33 8TH")]
    [InlineData("CR2 6XH")]
    [InlineData("DN55 1PT")]
    public void Well_formed_postcodes_pass(string postcode) =>
        Problems(Return(null, OnRoll(Pupil() with { Postcode = postcode }))).ShouldBeEmpty();

    [Fact]
    public void Errors_and_queries_are_split_and_listed_by_pupil()
    {
        var b = OnRoll(Pupil("B801200005001") with { Surname = "BROWN", Ethnicity = null, Postcode = null });
        var a = OnRoll(Pupil() with { Surname = "ADAMS", Sex = "X" });
        var v = Validator.Validate(Return(null, b, a));
        v.Errors.Select(p => (p.Pupil!.Surname, p.Rule)).ShouldBe([("ADAMS", "SEX"), ("BROWN", "ETHNICITY-MISSING")]);
        v.Queries.Select(p => (p.Pupil!.Surname, p.Rule)).ShouldBe([("BROWN", "POSTCODE")]);
    }
}
