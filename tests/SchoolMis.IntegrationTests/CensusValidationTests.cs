using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SchoolMis.Census.Domain;
using SchoolMis.IntegrationTests.TestKit;

namespace SchoolMis.IntegrationTests;

/// <summary>
/// Census validation all year: the validation API names a pupil's problem by their external id until the record is
/// fixed; the census page is the school office's alone; and a school's validation never mentions another's pupils.
/// </summary>
public abstract class CensusValidationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CensusCollection Upcoming = CensusCollection.Upcoming(DateOnly.FromDateTime(DateTime.UtcNow));

    private static string ValidationUrl(TestSchool s) => $"/api/v1/schools/{s.Slug}/census/{Upcoming.Year}/{Upcoming.TermCode}/validation";

    private static object Pupil(string externalId, string surname, string? ethnicity, string? serviceChild = null) => new
    {
        externalId, upn = TestPupils.NewUpn(), surname, forename = "Sam", dateOfBirth = "2016-03-01", sex = "F",
        admissionNumber = $"{Random.Shared.Next(100000, 999999)}", admissionDate = "2021-09-06", enrolmentStatus = "C", ncYear = "5",
        ethnicity, firstLanguage = "ENG", serviceChild, address = new { line1 = "1 High Street", postcode = "BS1 4DJ" },
    };

    /// <summary>A school, a client of it for imports, reads and the census, and its pupils imported.</summary>
    private async Task<(TestSchool School, HttpClient Api)> SchoolWithPupilsAsync(params object[] pupils)
    {
        var school = await app.ProvisionSchoolAsync();
        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.import", "schoolmis.read", "schoolmis.census");
        var api = await app.ApiAsync(id, secret, "schoolmis.import schoolmis.read schoolmis.census");
        await ImportAsync(api, school, pupils);
        return (school, api);
    }

    private async Task ImportAsync(HttpClient api, TestSchool school, params object[] pupils)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/schools/{school.Slug}/imports/pupils", pupils, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct) + app.ServerErrors);
    }

    private async Task<JsonElement> ValidateAsync(HttpClient api, TestSchool school)
    {
        var response = await api.GetAsync(ValidationUrl(school), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body + app.ServerErrors);
        return JsonDocument.Parse(body).RootElement;
    }

    private static List<(string Rule, string? ExternalId, string? Upn)> Problems(JsonElement v, string kind) =>
        [.. v.GetProperty(kind).EnumerateArray().Select(e => (e.GetProperty("rule").GetString()!, e.GetProperty("pupilExternalId").GetString(), e.GetProperty("upn").GetString()))];

    [Fact]
    public async Task The_validation_api_names_the_pupil_with_a_problem_until_the_record_is_fixed()
    {
        var missing = $"P-{Guid.NewGuid():N}";
        var complete = $"P-{Guid.NewGuid():N}";
        var broken = Pupil(missing, "Unrecorded", ethnicity: null);
        var (school, api) = await SchoolWithPupilsAsync(Pupil(complete, "Complete", "WBRI"), broken);
        using var _ = api;

        var before = await ValidateAsync(api, school);
        before.GetProperty("pupilsOnRoll").GetInt32().ShouldBe(2);
        before.GetProperty("collection").GetProperty("term").GetString().ShouldBe(Upcoming.TermCode);
        var errors = Problems(before, "errors");
        errors.ShouldContain(e => e.Rule == "ETHNICITY-MISSING" && e.ExternalId == missing);
        errors.ShouldNotContain(e => e.ExternalId == complete, "the complete pupil has no errors");
        errors.Single(e => e.ExternalId == missing).Upn.ShouldBe((string)broken.GetType().GetProperty("upn")!.GetValue(broken)!);
        before.GetProperty("errors").EnumerateArray().Single(e => e.GetProperty("pupilExternalId").GetString() == missing)
            .GetProperty("message").GetString()!.ShouldContain("No ethnicity recorded");

        // The office records the ethnicity (here through the same import its old MIS used): the error goes.
        await ImportAsync(api, school, Pupil(complete, "Complete", "WBRI"), Pupil(missing, "Unrecorded", "REFU"));
        var after = await ValidateAsync(api, school);
        Problems(after, "errors").ShouldBeEmpty(after.ToString());

        // Service child not recorded is a query (the return says U) until the office records it.
        Problems(after, "queries").Where(q => q.Rule == "SERVICE-CHILD").Select(q => q.ExternalId).ShouldBe([complete, missing], ignoreOrder: true);
        await ImportAsync(api, school, Pupil(complete, "Complete", "WBRI", serviceChild: "N"), Pupil(missing, "Unrecorded", "REFU", serviceChild: "Y"));
        Problems(await ValidateAsync(api, school), "queries").ShouldNotContain(q => q.Rule == "SERVICE-CHILD");
    }

    [Fact]
    public async Task The_census_page_is_for_the_school_office_only_and_check_again_records_a_check()
    {
        var external = $"P-{Guid.NewGuid():N}";
        var (school, api) = await SchoolWithPupilsAsync(Pupil(external, "Nethnicity", ethnicity: null));
        using var _ = api;
        var pupilId = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils?search=Nethnicity", Ct))
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        var page = $"/schools/{school.Slug}/census";

        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        var html = await admin.GetStringAsync(page, Ct);
        html.ShouldContain("ETHNICITY-MISSING");
        html.ShouldContain("NETHNICITY, Sam", Case.Insensitive);
        html.ShouldContain($"href=\"/schools/{school.Slug}/pupils/{pupilId}/edit\"");
        html.ShouldContain($"href=\"/schools/{school.Slug}/census/{Upcoming.Year}/{Upcoming.TermCode}/return\"");
        html.ShouldContain("No check recorded yet");
        html.ShouldContain($"href=\"/schools/{school.Slug}/census\""); // the admin's nav link

        var checkedPage = await SchoolMisApp.PostFormAsync(admin, page, "check", []);
        var checkedHtml = await checkedPage.Content.ReadAsStringAsync(Ct);
        checkedPage.StatusCode.ShouldBe(HttpStatusCode.OK, checkedHtml + app.ServerErrors);
        checkedHtml.ShouldContain("Checked just now: 1 error");
        checkedHtml.ShouldContain("Status: Errors to fix");
        checkedHtml.ShouldContain("Last check recorded");

        // Another collection from the picker shows that collection, and checking it again stays on it.
        var previous = Upcoming.Previous;
        var previousPage = $"{page}?collection={previous.Year}-{previous.TermCode}";
        (await admin.GetStringAsync(previousPage, Ct)).ShouldContain($"<h2 id=\"what-heading\">{previous.Name}</h2>");
        var checkedPrevious = await (await SchoolMisApp.PostFormAsync(admin, previousPage, "check", [])).Content.ReadAsStringAsync(Ct);
        checkedPrevious.ShouldContain($"<h2 id=\"what-heading\">{previous.Name}</h2>");
        checkedPrevious.ShouldContain("Checked just now");

        // A school with nothing wrong (here, no pupils yet) is told so.
        var empty = await app.ProvisionSchoolAsync();
        using var emptyAdmin = await app.SignInNewUserAsync("SchoolAdmin", [empty.Slug]);
        var emptyHtml = await emptyAdmin.GetStringAsync($"/schools/{empty.Slug}/census", Ct);
        emptyHtml.ShouldContain("No problems found");
        emptyHtml.ShouldNotContain("<table class=\"table\"");

        using var teacher = await app.SignInNewUserAsync("Teacher", [school.Slug]);
        (await teacher.GetAsync(page, Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await teacher.GetStringAsync($"/schools/{school.Slug}", Ct)).ShouldNotContain("/census");
        using var otherAdmin = await app.SignInNewUserAsync("SchoolAdmin", [(await app.ProvisionSchoolAsync()).Slug]);
        (await otherAdmin.GetAsync(page, Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_schools_validation_never_mentions_another_schools_pupils()
    {
        var theirs = $"P-{Guid.NewGuid():N}";
        var theirPupil = Pupil(theirs, "Otherschool", ethnicity: null);
        var (a, apiA) = await SchoolWithPupilsAsync(theirPupil);
        var (b, apiB) = await SchoolWithPupilsAsync(Pupil($"P-{Guid.NewGuid():N}", "Ourschool", ethnicity: null));
        using var _ = apiA;
        using var __ = apiB;
        var theirUpn = (string)theirPupil.GetType().GetProperty("upn")!.GetValue(theirPupil)!;

        var body = (await ValidateAsync(apiB, b)).ToString();
        body.ShouldContain("ETHNICITY-MISSING"); // B's own pupil
        body.ShouldNotContain(theirs);
        body.ShouldNotContain(theirUpn);
        body.ShouldNotContain("Otherschool", Case.Insensitive);
        (await ValidateAsync(apiA, a)).ToString().ShouldContain(theirs);

        // B's client asking for A's validation learns nothing, not even that A exists.
        var response = await apiB.GetAsync(ValidationUrl(a), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain(theirs);

        using var adminB = await app.SignInNewUserAsync("SchoolAdmin", [b.Slug]);
        var pageB = await adminB.GetStringAsync($"/schools/{b.Slug}/census", Ct);
        pageB.ShouldContain("OURSCHOOL", Case.Insensitive);
        pageB.ShouldNotContain("Otherschool", Case.Insensitive);
        pageB.ShouldNotContain(theirUpn);
    }
}

public sealed class CensusValidationTestsOnSqlite(SqliteApp app) : CensusValidationTests<SqliteApp>(app);
public sealed class CensusValidationTestsOnPostgres(PostgresApp app) : CensusValidationTests<PostgresApp>(app);
