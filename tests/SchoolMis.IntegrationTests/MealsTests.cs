using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SchoolMis.Attendance.Features.Calendar;
using SchoolMis.IntegrationTests.TestKit;
using SchoolMis.Meals.Contracts;
using SchoolMis.Meals.Features.Fsm;
using SchoolMis.Meals.Features.Kitchen;
using SchoolMis.Meals.Features.MealTypes;
using SchoolMis.Pupils.Features.AddPupil;
using SchoolMis.Pupils.Features.RegistrationGroups;

namespace SchoolMis.IntegrationTests;

/// <summary>
/// Meals: the meal register (one request), kitchen numbers, school lunch taken, FSM periods and their rules, who may
/// see FSM, the meals and fsm-periods imports, and isolation between schools.
/// </summary>
public abstract class MealsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private static readonly DateOnly Day = new(2026, 11, 10);
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A school with the usual meal types and group 2S: three Year 3 pupils (the first on FSM) and a Year 1 infant.</summary>
    private sealed record MealsSchool(TestSchool School, Guid GroupId, IReadOnlyList<Guid> Pupils, IReadOnlyDictionary<string, Guid> Types);

    private async Task<MealsSchool> SchoolAsync()
    {
        var school = await app.ProvisionSchoolAsync();
        return await app.InSchoolAsync(school.Id, async (sender, _) =>
        {
            var pupils = new List<Guid>();
            foreach (var (surname, year) in new[] { ("Ash", "3"), ("Birch", "3"), ("Cedar", "3"), ("Damson", "1") })
                pupils.Add(await sender.Send(new AddPupilCommand(TestPupils.Details(surname) with { NcYear = year }), Ct));
            var group = await sender.Send(new CreateRegistrationGroupCommand("2S", "Swifts", null), Ct);
            await sender.Send(new AssignPupilsToGroupCommand(group, pupils), Ct);
            await sender.Send(new AddStandardMealTypesCommand(), Ct);
            await sender.Send(new SetUpAcademicYearCommand("2026/27", new(2026, 9, 1), new(2027, 8, 31), new(8, 50), new(13, 15), 30,
                [new("Autumn term", new(2026, 9, 4), new(2026, 12, 18), new(2026, 10, 26), new(2026, 10, 30))]), Ct);
            await sender.Send(new RecordFsmPeriodCommand(pupils[0], new DateOnly(2026, 9, 1), null, "ENG"), Ct);
            var types = await sender.Send(new ListMealTypesQuery(), Ct);
            return new MealsSchool(school, group, pupils, types.ToDictionary(t => t.Code, t => t.MealTypeId));
        });
    }

    private static string RegisterPage(MealsSchool s) => $"/schools/{s.School.Slug}/meals/registers/{s.GroupId}/{Day:yyyy-MM-dd}";

    private static Task<HttpResponseMessage> PostRegisterAsync(HttpClient browser, MealsSchool s, string[] codes, bool[]? paid = null)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < codes.Length; i++)
        {
            fields[$"Rows[{i}].PupilId"] = s.Pupils[i].ToString();
            fields[$"Rows[{i}].MealTypeId"] = s.Types[codes[i]].ToString();
            if (paid is not null)
            {
                fields[$"Rows[{i}].PaidShown"] = "true";
                if (paid[i])
                    fields[$"Rows[{i}].Paid"] = "true";
            }
        }
        return SchoolMisApp.PostFormAsync(browser, RegisterPage(s), "take-meal-register", fields);
    }

    [Fact]
    public async Task The_meal_register_is_saved_in_one_request_and_the_kitchen_and_the_census_count_it()
    {
        var s = await SchoolAsync();
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [s.School.Slug]);
        var page = await admin.GetStringAsync(RegisterPage(s), Ct);
        page.ShouldContain("Eligible for free school meals today"); // the office sees FSM
        page.ShouldContain("UIFSM");
        // Meals follow the school calendar, as registers do: a Saturday or a half-term day has no meal register.
        var saturday = await admin.GetStringAsync($"/schools/{s.School.Slug}/meals/registers/{s.GroupId}/2026-11-14", Ct);
        saturday.ShouldContain("id=\"not-a-school-day\"");
        saturday.ShouldNotContain("take-meal-register");
        var halfTerm = await app.InSchoolAsync(s.School.Id, async (sender, _) => await Should.ThrowAsync<SchoolMis.Platform.Messaging.DomainRuleException>(
            async () => await sender.Send(new SchoolMis.Meals.Features.MealRegister.TakeMealRegisterCommand(s.GroupId, new DateOnly(2026, 10, 27), []), Ct)));
        halfTerm.Message.ShouldContain("not a school day");

        var saved = await PostRegisterAsync(admin, s, ["HOT", "HOT", "HPL", "SPL"]);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, app.ServerErrors.ToString());
        (await saved.Content.ReadAsStringAsync(Ct)).ShouldContain("Saved: 4 new, 0 changed");

        var kitchen = await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new GetKitchenNumbersQuery(Day), Ct));
        var group = kitchen.Groups.Single(g => g.Group.StartsWith("2S", StringComparison.Ordinal));
        group.ByMealType[s.Types["HOT"]].ShouldBe(2);
        group.ByMealType[s.Types["HPL"]].ShouldBe(1);
        group.ByMealType[s.Types["SPL"]].ShouldBe(1);
        group.SchoolLunches.ShouldBe(3);
        group.Fsm.ShouldBe(1);   // Ash
        group.Uifsm.ShouldBe(1); // Damson, Year 1
        group.Paid.ShouldBe(1);  // Birch: the only paid school lunch
        group.NotRecorded.ShouldBe(0);
        kitchen.Total.SchoolLunches.ShouldBe(3);
        (await admin.GetStringAsync($"/schools/{s.School.Slug}/meals/kitchen?date={Day:yyyy-MM-dd}", Ct)).ShouldContain("Hot school lunch");

        var taken = await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new GetSchoolLunchTakenQuery(Day), Ct));
        taken.ToDictionary(t => t.PupilId, t => t.SchoolLunchTaken)
            .ShouldBe(new Dictionary<Guid, bool> { [s.Pupils[0]] = true, [s.Pupils[1]] = true, [s.Pupils[2]] = false, [s.Pupils[3]] = true }, ignoreOrder: true);
        (await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new GetSchoolLunchTakenQuery(Day.AddDays(1)), Ct))).ShouldBeEmpty();

        // The office may override paid; saving the same again changes nothing.
        var changed = await PostRegisterAsync(admin, s, ["HOT", "HOT", "HPL", "SPL"], paid: [false, false, false, false]);
        (await changed.Content.ReadAsStringAsync(Ct)).ShouldContain("Saved: 0 new, 1 changed");
        var again = await PostRegisterAsync(admin, s, ["HOT", "HOT", "HPL", "SPL"], paid: [false, false, false, false]);
        (await again.Content.ReadAsStringAsync(Ct)).ShouldContain("Saved: 0 new, 0 changed");
        var birch = await app.InSchoolAsync(s.School.Id, async (sender, _) =>
            await sender.Send(new SchoolMis.Meals.Features.PupilMeals.GetPupilMealsQuery(s.Pupils[1]), Ct));
        birch.Fsm!.History.Select(h => h.Action).ShouldBe(["Modified", "Added"]); // newest first
        birch.Fsm.History[0].Changes["Paid"].ShouldBe(new SchoolMis.Platform.Auditing.AuditChange("true", "false"));
        birch.Fsm.History[1].Changes["Meal"].New.ShouldBe("Hot school lunch");
    }

    [Fact]
    public async Task A_teacher_takes_the_meal_register_of_their_own_group_without_seeing_fsm()
    {
        var s = await SchoolAsync();
        var (teacher, teacherId) = await app.SignInNewUserWithIdAsync("Teacher", [s.School.Slug]);
        using (teacher)
        {
            // Not their group yet: no register.
            (await teacher.GetAsync(RegisterPage(s), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new SetGroupTutorsCommand(s.GroupId, [teacherId]), Ct));

            var page = await teacher.GetStringAsync(RegisterPage(s), Ct);
            page.ShouldContain("UIFSM");                                  // by year group: not sensitive
            page.ShouldNotContain("Eligible for free school meals today"); // FSM is
            page.ShouldNotContain("PaidShown");
            var saved = await PostRegisterAsync(teacher, s, ["HOT", "HOT", "HOT", "HOT"], paid: [true, true, true, true]);
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, app.ServerErrors.ToString());

            var pupilPage = await teacher.GetStringAsync($"/schools/{s.School.Slug}/meals/pupils/{s.Pupils[0]}", Ct);
            pupilPage.ShouldContain("Hot school lunch");
            pupilPage.ShouldNotContain("Free school meal eligibility");
            pupilPage.ShouldNotContain("Free</td>");

            (await teacher.GetAsync($"/schools/{s.School.Slug}/meals/kitchen?date={Day:yyyy-MM-dd}", Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
            (await teacher.GetAsync($"/schools/{s.School.Slug}/meals/types", Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        }

        // A teacher cannot set paid (it would tell them who has FSM): the rule decided it.
        var kitchen = await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new GetKitchenNumbersQuery(Day), Ct));
        kitchen.Total.Paid.ShouldBe(2); // Birch and Cedar; Ash has FSM, Damson UIFSM
        kitchen.Total.Fsm.ShouldBe(1);
    }

    [Fact]
    public async Task Fsm_periods_that_overlap_or_end_before_they_start_are_refused_with_clear_messages()
    {
        var s = await SchoolAsync();
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [s.School.Slug]);
        var page = $"/schools/{s.School.Slug}/meals/pupils/{s.Pupils[0]}";

        var overlap = await SchoolMisApp.PostFormAsync(admin, page, "fsm-period",
            new() { ["Form.StartDate"] = "2026-10-01", ["Form.EndDate"] = "2026-12-01", ["Form.UkCountry"] = "ENG" });
        overlap.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await overlap.Content.ReadAsStringAsync(Ct)).ShouldContain("A pupil&#x27;s FSM periods must not overlap");

        var backwards = await SchoolMisApp.PostFormAsync(admin, $"/schools/{s.School.Slug}/meals/pupils/{s.Pupils[1]}", "fsm-period",
            new() { ["Form.StartDate"] = "2026-10-01", ["Form.EndDate"] = "2026-09-01", ["Form.UkCountry"] = "ENG" });
        backwards.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await backwards.Content.ReadAsStringAsync(Ct)).ShouldContain("The end date must be on or after the start date.");

        // Ending the open period, then adding a later one, is fine; the census sees both.
        var periods = await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new GetFsmPeriodsQuery(new(2026, 1, 1), new(2027, 12, 31)), Ct));
        var open = await app.InSchoolAsync(s.School.Id, async (sender, sp) =>
            await sender.Send(new SchoolMis.Meals.Features.PupilMeals.GetPupilMealsQuery(s.Pupils[0]), Ct));
        var id = open.Fsm!.Periods.Single().FsmPeriodId;
        var ended = await SchoolMisApp.PostFormAsync(admin, page, "fsm-period",
            new() { ["Form.PeriodId"] = id.ToString(), ["Form.StartDate"] = "2026-09-01", ["Form.EndDate"] = "2026-09-30", ["Form.UkCountry"] = "ENG" });
        ended.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ended.Content.ReadAsStringAsync(Ct));
        var added = await SchoolMisApp.PostFormAsync(admin, page, "fsm-period",
            new() { ["Form.StartDate"] = "2026-10-01", ["Form.UkCountry"] = "WLS" });
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect, await added.Content.ReadAsStringAsync(Ct));
        periods = await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new GetFsmPeriodsQuery(new(2026, 1, 1), new(2027, 12, 31)), Ct));
        periods.Select(p => (p.PupilId, p.StartDate, p.EndDate, p.UkCountry))
            .ShouldBe([(s.Pupils[0], new DateOnly(2026, 9, 1), (DateOnly?)new DateOnly(2026, 9, 30), "ENG"), (s.Pupils[0], new DateOnly(2026, 10, 1), null, "WLS")]);

        // Every change is in the history: who, when, and each field's old and new value, even for a removed period.
        var later = periods[1];
        var laterId = (await app.InSchoolAsync(s.School.Id, async (sender, _) =>
            await sender.Send(new SchoolMis.Meals.Features.PupilMeals.GetPupilMealsQuery(s.Pupils[0]), Ct))).Fsm!.Periods.Single(p => p.StartDate == later.StartDate).FsmPeriodId;
        var removed = await SchoolMisApp.PostFormAsync(admin, page, "fsm-period",
            new() { ["Form.PeriodId"] = laterId.ToString(), ["Form.StartDate"] = "2026-10-01", ["Form.UkCountry"] = "WLS", ["Form.Remove"] = "true" });
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await removed.Content.ReadAsStringAsync(Ct));
        var history = (await app.InSchoolAsync(s.School.Id, async (sender, _) =>
            await sender.Send(new SchoolMis.Meals.Features.PupilMeals.GetPupilMealsQuery(s.Pupils[0]), Ct))).Fsm!.History;
        history.Where(h => h.EntityType == "FsmPeriod").Select(h => h.Action).Order().ShouldBe(["Added", "Added", "Deleted", "Modified"]);
        var ending = history.Single(h => h.Action == "Modified");
        ending.Changes["EndDate"].ShouldBe(new SchoolMis.Platform.Auditing.AuditChange(null, "2026-09-30"));
        ending.ChangedBy.ShouldContain("Test User");
        history.Single(h => h.Action == "Deleted").Changes["UkCountry"].Old.ShouldBe("WLS");
        var pupilPage = await admin.GetStringAsync(page, Ct);
        pupilPage.ShouldContain("FSM period removed");
        pupilPage.ShouldContain("EndDate: "); // "– → 2026-09-30", HTML-encoded
        pupilPage.ShouldContain("2026-09-30");

        // Teachers may not record FSM, whatever they post.
        var (teacher, teacherId) = await app.SignInNewUserWithIdAsync("Teacher", [s.School.Slug]);
        using (teacher)
        {
            await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new SetGroupTutorsCommand(s.GroupId, [teacherId]), Ct));
            var forged = await SchoolMisApp.PostFormAsync(teacher, $"/schools/{s.School.Slug}/meals/pupils/{s.Pupils[2]}", "fsm-period",
                new() { ["Form.StartDate"] = "2026-10-01", ["Form.UkCountry"] = "ENG" });
            forged.StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
        }
        (await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new GetFsmPeriodsQuery(new(2026, 1, 1), new(2027, 12, 31)), Ct)))
            .ShouldNotContain(p => p.PupilId == s.Pupils[2]);
    }

    private async Task<(TestSchool School, HttpClient Api)> ImportSchoolAsync()
    {
        var school = await app.ProvisionSchoolAsync();
        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.import", "schoolmis.read");
        var api = await app.ApiAsync(id, secret, "schoolmis.import schoolmis.read");
        await ImportAsync(api, school, "registration-groups", new[] { new { externalId = "G1", code = "1R", name = "Robins", ncYear = "1" } }, HttpStatusCode.OK);
        await ImportAsync(api, school, "pupils", new[] { Pupil(1, "1"), Pupil(2, "4") }, HttpStatusCode.OK);
        await ImportAsync(api, school, "meal-types", new[]
        {
            new { code = "HOT", name = "Hot dinner", schoolLunch = true }, new { code = "HOME", name = "Packed from home", schoolLunch = false },
        }, HttpStatusCode.OK);
        return (school, api);
    }

    private static object Pupil(int n, string ncYear)
    {
        var rest = $"80198762{n % 10000:0000}";
        return new
        {
            externalId = $"P{n}", upn = global::SchoolMis.Platform.Identifiers.Upn.CheckLetter(rest) + rest, surname = "Meals", forename = $"Pupil{n}",
            dateOfBirth = "2019-03-01", sex = "F", admissionNumber = $"{5000 + n}", admissionDate = "2024-09-02", enrolmentStatus = "C", ncYear,
            registrationGroupExternalId = "G1",
        };
    }

    private async Task<JsonElement> ImportAsync(HttpClient api, TestSchool school, string dataset, object rows, HttpStatusCode expected)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/schools/{school.Slug}/imports/{dataset}", rows, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        response.StatusCode.ShouldBe(expected, body.ToString() + app.ServerErrors);
        return body;
    }

    [Fact]
    public async Task The_meals_and_fsm_periods_imports_are_idempotent_and_refuse_bad_rows_whole()
    {
        var (school, api) = await ImportSchoolAsync();
        using var _ = api;
        object[] meals =
        [
            new { pupilExternalId = "P1", date = "2026-11-09", mealType = "HOT" },
            new { pupilExternalId = "P2", date = "2026-11-09", mealType = "home", paid = false },
            new { pupilExternalId = "P2", date = "2026-11-10", mealType = "HOT", paid = true },
        ];
        object[] periods =
        [
            new { pupilExternalId = "P2", startDate = "2025-01-06", endDate = "2025-07-18", ukCountry = "ENG" },
            new { pupilExternalId = "P2", startDate = "2025-09-01", endDate = (string?)null, ukCountry = "SCT" },
        ];
        var first = await ImportAsync(api, school, "fsm-periods", periods, HttpStatusCode.OK);
        first.GetProperty("created").GetInt32().ShouldBe(2);
        (await ImportAsync(api, school, "meals", meals, HttpStatusCode.OK)).GetProperty("created").GetInt32().ShouldBe(3);

        var again = await ImportAsync(api, school, "meals", meals, HttpStatusCode.OK);
        (again.GetProperty("created").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()).ShouldBe((0, 0, 3));
        var periodsAgain = await ImportAsync(api, school, "fsm-periods", periods, HttpStatusCode.OK);
        periodsAgain.GetProperty("unchanged").GetInt32().ShouldBe(2);
        var counts = await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/reconciliation", Ct);
        counts.GetProperty("meals").GetInt32().ShouldBe(3);
        counts.GetProperty("fsm-periods").GetInt32().ShouldBe(2);

        // The Year 1 pupil's hot dinner with no paid flag is free (UIFSM); the census reads school lunch taken.
        var taken = await app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(new GetSchoolLunchTakenQuery(new(2026, 11, 9)), Ct));
        taken.Select(t => t.SchoolLunchTaken).Order().ShouldBe([false, true]);
        var kitchen = await app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(new GetKitchenNumbersQuery(new(2026, 11, 9)), Ct));
        (kitchen.Total.Uifsm, kitchen.Total.Paid).ShouldBe((1, 0));

        // Overlapping periods (with one held, or within the request), an end before a start, and unknown references.
        var bad = await ImportAsync(api, school, "fsm-periods", new object[]
        {
            new { pupilExternalId = "P2", startDate = "2025-03-01", endDate = "2025-04-01" },
            new { pupilExternalId = "P1", startDate = "2026-01-05", endDate = "2026-01-01" },
            new { pupilExternalId = "P1", startDate = "2026-02-01" },
            new { pupilExternalId = "P1", startDate = "2026-03-01", endDate = "2026-04-01" },
            new { pupilExternalId = "P1", startDate = "2026-05-01", ukCountry = "FRA" },
            new { pupilExternalId = "NOPE", startDate = "2026-05-01" },
        }, HttpStatusCode.UnprocessableEntity);
        var errors = bad.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString(), e.GetProperty("message").GetString()!)).ToList();
        errors.ShouldContain(e => e.Item1 == 1 && e.Item2 == "startDate" && e.Item3.Contains("overlaps the pupil's FSM period 6 Jan 2025 to 18 Jul 2025"));
        errors.ShouldContain(e => e.Item1 == 2 && e.Item2 == "endDate" && e.Item3.Contains("endDate (2026-01-01) is before startDate (2026-01-05)"));
        errors.ShouldContain(e => e.Item1 == 4 && e.Item2 == "startDate" && e.Item3.Contains("overlaps the pupil's FSM period from 1 Feb 2026, open"));
        errors.ShouldContain(e => e.Item1 == 5 && e.Item2 == "ukCountry" && e.Item3.Contains("not one of ENG, WLS, SCT, NIR"));
        errors.ShouldContain(e => e.Item1 == 6 && e.Item2 == "pupilExternalId");
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/reconciliation", Ct)).GetProperty("fsm-periods").GetInt32().ShouldBe(2);

        var badMeals = await ImportAsync(api, school, "meals", new object[] { new { pupilExternalId = "P1", date = "2026-11-11", mealType = "CAKE" } },
            HttpStatusCode.UnprocessableEntity);
        badMeals.GetProperty("errors")[0].GetProperty("message").GetString()!.ShouldContain("No meal type 'CAKE' at this school (its codes: HOME, HOT)");
    }

    [Fact]
    public async Task One_school_never_sees_or_writes_another_schools_meals_or_fsm()
    {
        var a = await SchoolAsync();
        var b = await SchoolAsync();
        using var adminB = await app.SignInNewUserAsync("SchoolAdmin", [b.School.Slug]);
        (await PostRegisterAsync(adminB, b, ["HOT", "HOT", "HOT", "HOT"])).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var adminA = await app.SignInNewUserAsync("SchoolAdmin", [a.School.Slug]);
        (await adminA.GetAsync(RegisterPage(b), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await adminA.GetAsync($"/schools/{b.School.Slug}/meals/pupils/{b.Pupils[0]}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // B's pupil or group through A's own address is unknown there.
        (await adminA.GetAsync($"/schools/{a.School.Slug}/meals/pupils/{b.Pupils[0]}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await adminA.GetAsync($"/schools/{a.School.Slug}/meals/registers/{b.GroupId}/{Day:yyyy-MM-dd}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await app.InSchoolAsync(a.School.Id, async (sender, _) => await sender.Send(new GetSchoolLunchTakenQuery(Day), Ct))).ShouldBeEmpty();
        var periodsA = await app.InSchoolAsync(a.School.Id, async (sender, _) => await sender.Send(new GetFsmPeriodsQuery(new(2026, 1, 1), new(2027, 1, 1)), Ct));
        periodsA.ShouldHaveSingleItem().PupilId.ShouldBe(a.Pupils[0]);
        (await app.InSchoolAsync(a.School.Id, async (sender, _) => await sender.Send(new GetKitchenNumbersQuery(Day), Ct))).Total.SchoolLunches.ShouldBe(0);

        // A's import client cannot reach B.
        var (id, secret) = await app.RegisterClientAsync([a.School.Slug], null, "schoolmis.import");
        using var apiA = await app.ApiAsync(id, secret, "schoolmis.import");
        (await apiA.PostAsJsonAsync($"/api/v1/schools/{b.School.Slug}/imports/fsm-periods", Array.Empty<object>(), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class MealsTestsOnSqlite(SqliteApp app) : MealsTests<SqliteApp>(app);
public sealed class MealsTestsOnPostgres(PostgresApp app) : MealsTests<PostgresApp>(app);
