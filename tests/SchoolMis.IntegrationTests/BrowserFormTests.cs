using System.Net;
using SchoolMis.IntegrationTests.TestKit;

namespace SchoolMis.IntegrationTests;

/// <summary>The server-rendered forms over plain HTTP: sign-in, lockout, antiforgery, and a refused pupil.</summary>
public abstract class BrowserFormTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> PupilForm(string upn, string surname, string admissionNumber) => new()
    {
        ["Form.Upn"] = upn, ["Form.Surname"] = surname, ["Form.Forename"] = "Maya", ["Form.DateOfBirth"] = "2018-02-03",
        ["Form.Sex"] = "F", ["Form.AdmissionNumber"] = admissionNumber, ["Form.AdmissionDate"] = "2022-09-05",
        ["Form.EnrolmentStatus"] = "C", ["Form.NcYear"] = "3", ["Form.Postcode"] = "BS7 8AE",
    };

    [Fact]
    public async Task A_school_admin_adds_a_pupil_a_wrong_upn_is_shown_and_nothing_is_saved_until_it_is_corrected()
    {
        var school = await app.ProvisionSchoolAsync();
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        var url = $"/schools/{school.Slug}/pupils/new";
        var upn = TestPupils.NewUpn();
        var wrong = (upn[0] == 'A' ? 'B' : 'A') + upn[1..];

        var refused = await SchoolMisApp.PostFormAsync(admin, url, "add-pupil", PupilForm(wrong, "Quennell", "777001"));

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("UPN invalid (wrong check letter at character 1).");
        html.ShouldContain("Nothing was saved");
        (await (await admin.GetAsync($"/schools/{school.Slug}/pupils?q=Quennell", Ct)).Content.ReadAsStringAsync(Ct)).ShouldContain("0 pupils");

        var saved = await SchoolMisApp.PostFormAsync(admin, url, "add-pupil", PupilForm(upn, "Quennell", "777001"));

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        SchoolMisApp.LocalPath(saved.Headers.Location!).ShouldStartWith($"/schools/{school.Slug}/pupils/");
        var found = await (await admin.GetAsync($"/schools/{school.Slug}/pupils?q=quennell", Ct)).Content.ReadAsStringAsync(Ct);
        found.ShouldContain("1 pupil matching");
        found.ShouldContain(upn);

        // The same admission number again is refused on its field.
        var duplicate = await SchoolMisApp.PostFormAsync(admin, url, "add-pupil", PupilForm(TestPupils.NewUpn(), "Other", "777001"));
        (await duplicate.Content.ReadAsStringAsync(Ct)).ShouldContain("Admission number 777001 is already used by Maya Quennell.");
    }

    [Fact]
    public async Task Search_finds_pupils_by_name_upn_and_admission_number()
    {
        var school = await app.ProvisionSchoolAsync();
        await app.AddPupilAsync(school, "Fairweather", "Zara");
        await app.AddPupilAsync(school, "Gallagher", "Yusuf");
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);

        async Task<string> Search(string q) =>
            await (await admin.GetAsync($"/schools/{school.Slug}/pupils?q={Uri.EscapeDataString(q)}", Ct)).Content.ReadAsStringAsync(Ct);

        (await Search("FAIRW")).ShouldContain("Fairweather");
        (await Search("fairw")).ShouldNotContain("Gallagher");
        (await Search("yusuf gall")).ShouldContain("Gallagher");
        (await Search("zzz")).ShouldContain("0 pupils");
    }

    [Fact]
    public async Task Sign_in_locks_out_after_five_wrong_passwords()
    {
        var school = await app.ProvisionSchoolAsync();
        using var setup = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        var email = $"locked-{Guid.NewGuid():N}@school.test";
        using (var platform = await app.PlatformAsync())
        {
            var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(platform, "/api/v1/platform/users",
                new { email, displayName = "Locked", role = "Teacher", schools = new[] { school.Slug } }, Ct);
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var browser = app.Browser();
        for (var i = 0; i < 5; i++)
        {
            var attempt = await SchoolMisApp.PostFormAsync(browser, "/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = "wrong-password-1" });
            (await attempt.Content.ReadAsStringAsync(Ct)).ShouldContain(i < 4 ? "do not match" : "locked");
        }
        var afterLockout = await SchoolMisApp.PostFormAsync(browser, "/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = "still-wrong-1" });
        (await afterLockout.Content.ReadAsStringAsync(Ct)).ShouldContain("locked");
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = app.Browser();
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = "a@b.test", ["Input.Password"] = "x",
        }), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Pages_ask_for_sign_in_first()
    {
        var school = await app.ProvisionSchoolAsync();
        using var browser = app.Browser();
        var response = await browser.GetAsync($"/schools/{school.Slug}/pupils", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/login");
    }
}

public sealed class BrowserFormTestsOnSqlite(SqliteApp app) : BrowserFormTests<SqliteApp>(app);
public sealed class BrowserFormTestsOnPostgres(PostgresApp app) : BrowserFormTests<PostgresApp>(app);
