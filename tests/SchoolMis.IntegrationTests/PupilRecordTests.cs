using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SchoolMis.IntegrationTests.TestKit;

namespace SchoolMis.IntegrationTests;

/// <summary>Keeping the pupil record: groups, edits, leavers, the API's fields, and the operator's provisioning page.</summary>
public abstract class PupilRecordTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_creates_a_registration_group_and_assigns_pupils_to_it()
    {
        var school = await app.ProvisionSchoolAsync();
        var ava = await app.AddPupilAsync(school, "Hartley", "Ava");
        var ben = await app.AddPupilAsync(school, "Ingram", "Ben");
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);

        var created = await SchoolMisApp.PostFormAsync(admin, $"/schools/{school.Slug}/groups", "create-group",
            new() { ["Form.Code"] = "4K", ["Form.Name"] = "Kingfishers", ["Form.NcYear"] = "4" });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, app.ServerErrors.ToString());
        var groups = await admin.GetStringAsync($"/schools/{school.Slug}/groups", Ct);
        var groupUrl = System.Text.RegularExpressions.Regex.Match(groups, $"/schools/{school.Slug}/groups/([0-9a-f-]{{36}})").Value;
        groupUrl.ShouldNotBeEmpty();

        var duplicate = await SchoolMisApp.PostFormAsync(admin, $"/schools/{school.Slug}/groups", "create-group",
            new() { ["Form.Code"] = "4K", ["Form.Name"] = "Again", ["Form.NcYear"] = "4" });
        (await duplicate.Content.ReadAsStringAsync(Ct)).ShouldContain("There is already a group with the code 4K.");

        var page = await admin.GetStringAsync(groupUrl, Ct);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var assign = await admin.PostAsync(groupUrl, new FormUrlEncodedContent(
        [
            new("_handler", "assign-pupils"), new("__RequestVerificationToken", WebUtility.HtmlDecode(token)),
            new("PupilIds", ava.ToString()), new("PupilIds", ben.ToString()),
        ]), Ct);
        assign.StatusCode.ShouldBe(HttpStatusCode.Redirect, app.ServerErrors.ToString());

        var members = await admin.GetStringAsync(groupUrl, Ct);
        members.ShouldContain("2 pupils on roll");
        members.ShouldContain("Hartley");
        members.ShouldContain("Ingram");
        (await admin.GetStringAsync($"/schools/{school.Slug}/pupils?q=hartley", Ct)).ShouldContain("4K");
    }

    [Fact]
    public async Task A_leaver_stays_on_record_and_drops_off_the_list()
    {
        var school = await app.ProvisionSchoolAsync();
        var pupil = await app.AddPupilAsync(school, "Jessop", "Cara");
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);

        var left = await SchoolMisApp.PostFormAsync(admin, $"/schools/{school.Slug}/pupils/{pupil}/edit", "record-leaver",
            new() { ["Leaver.LeavingDate"] = "2024-07-19", ["Leaver.LeavingReason"] = "Moved to Leeds" });
        left.StatusCode.ShouldBe(HttpStatusCode.Redirect, app.ServerErrors.ToString());

        (await admin.GetStringAsync($"/schools/{school.Slug}/pupils?q=jessop", Ct)).ShouldContain("0 pupils");
        var withLeavers = await admin.GetStringAsync($"/schools/{school.Slug}/pupils?q=jessop&leavers=true", Ct);
        withLeavers.ShouldContain("Jessop");
        withLeavers.ShouldContain("Not on roll");
        var profile = await admin.GetStringAsync($"/schools/{school.Slug}/pupils/{pupil}", Ct);
        profile.ShouldContain("Left 19 Jul 2024");
        profile.ShouldContain("Moved to Leeds");
    }

    [Fact]
    public async Task An_edit_is_saved_and_a_bad_edit_names_the_field_and_changes_nothing()
    {
        var school = await app.ProvisionSchoolAsync();
        var pupil = await app.AddPupilAsync(school, "Kenning", "Dan");
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        var editUrl = $"/schools/{school.Slug}/pupils/{pupil}/edit";
        var form = await admin.GetStringAsync(editUrl, Ct);
        string Value(string name) => WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(form, $"name=\"Form.{name}\"[^>]*value=\"([^\"]*)\"|value=\"([^\"]*)\"[^>]*name=\"Form.{name}\"").Groups.Values.Skip(1).First(g => g.Success).Value);
        var fields = new Dictionary<string, string>
        {
            ["Form.Upn"] = Value("Upn"), ["Form.Surname"] = "Kenning-Lowe", ["Form.Forename"] = "Dan", ["Form.DateOfBirth"] = "2018-05-01",
            ["Form.Sex"] = "F", ["Form.AdmissionNumber"] = Value("AdmissionNumber"), ["Form.AdmissionDate"] = "2022-09-05",
            ["Form.EnrolmentStatus"] = "C", ["Form.NcYear"] = "3", ["Form.PreferredForename"] = "Danny",
        };

        var bad = await SchoolMisApp.PostFormAsync(admin, editUrl, "edit-pupil", new(fields) { ["Form.NcYear"] = "99" });
        (await bad.Content.ReadAsStringAsync(Ct)).ShouldContain("Choose the national curriculum year");
        (await admin.GetStringAsync($"/schools/{school.Slug}/pupils/{pupil}", Ct)).ShouldNotContain("Kenning-Lowe");

        var good = await SchoolMisApp.PostFormAsync(admin, editUrl, "edit-pupil", fields);
        good.StatusCode.ShouldBe(HttpStatusCode.Redirect, app.ServerErrors.ToString());
        var profile = await admin.GetStringAsync($"/schools/{school.Slug}/pupils/{pupil}", Ct);
        profile.ShouldContain("Danny Kenning-Lowe");
    }

    [Fact]
    public async Task The_census_details_are_chosen_on_the_form_shown_on_the_profile_and_a_bad_code_names_its_field()
    {
        var school = await app.ProvisionSchoolAsync();
        var pupil = await app.AddPupilAsync(school, "Quartermain", "Jo");
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        var editUrl = $"/schools/{school.Slug}/pupils/{pupil}/edit";
        var form = await admin.GetStringAsync(editUrl, Ct);
        form.ShouldContain("<label for=\"Boarder\">Boarder</label>");
        form.ShouldContain("<label for=\"ServiceChild\">Service child</label>");
        form.ShouldContain("<label for=\"YoungCarer\">Young carer</label>");
        form.ShouldContain("<label for=\"PartTime\">Attends part time</label>");
        form.ShouldContain("7 – Boarder seven nights per week");
        string Value(string name) => WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(form, $"name=\"Form.{name}\"[^>]*value=\"([^\"]*)\"|value=\"([^\"]*)\"[^>]*name=\"Form.{name}\"").Groups.Values.Skip(1).First(g => g.Success).Value);
        var fields = new Dictionary<string, string>
        {
            ["Form.Upn"] = Value("Upn"), ["Form.Surname"] = "Quartermain", ["Form.Forename"] = "Jo", ["Form.DateOfBirth"] = "2018-05-01",
            ["Form.Sex"] = "F", ["Form.AdmissionNumber"] = Value("AdmissionNumber"), ["Form.AdmissionDate"] = "2022-09-05",
            ["Form.EnrolmentStatus"] = "C", ["Form.NcYear"] = "3",
            ["Form.Boarder"] = "6", ["Form.ServiceChild"] = "Y", ["Form.YoungCarer"] = "S", ["Form.PartTime"] = "true",
        };

        var bad = await (await SchoolMisApp.PostFormAsync(admin, editUrl, "edit-pupil", new(fields) { ["Form.Boarder"] = "X", ["Form.ServiceChild"] = "Q" }))
            .Content.ReadAsStringAsync(Ct);
        bad.ShouldContain("Boarder must be N (not a boarder)");
        bad.ShouldContain("Service child must be Y (yes)");
        (await admin.GetStringAsync($"/schools/{school.Slug}/pupils/{pupil}", Ct)).ShouldNotContain("Identified as a young carer");

        var good = await SchoolMisApp.PostFormAsync(admin, editUrl, "edit-pupil", fields);
        good.StatusCode.ShouldBe(HttpStatusCode.Redirect, app.ServerErrors.ToString());
        var profile = await admin.GetStringAsync($"/schools/{school.Slug}/pupils/{pupil}", Ct);
        profile.ShouldContain("<dt>Service child</dt><dd>Yes</dd>");
        profile.ShouldContain("<dt>Young carer</dt><dd>Identified as a young carer by school</dd>");
        profile.ShouldContain("<dt>Boarder</dt><dd>Boarder six or fewer nights per week</dd>");
        profile.ShouldContain(", part time");

        // The edit page shows what was saved: clearing the service child goes back to "not recorded".
        var again = await admin.GetStringAsync(editUrl, Ct);
        again.ShouldContain("value=\"6\" selected");
        (await SchoolMisApp.PostFormAsync(admin, editUrl, "edit-pupil", new(fields) { ["Form.ServiceChild"] = "", ["Form.PartTime"] = "false" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cleared = await admin.GetStringAsync($"/schools/{school.Slug}/pupils/{pupil}", Ct);
        cleared.ShouldContain("<dt>Service child</dt><dd>Not recorded</dd>");
        cleared.ShouldContain(", full time");
    }

    [Fact]
    public async Task The_api_returns_the_pupil_dataset_fields_and_pages_the_list()
    {
        var school = await app.ProvisionSchoolAsync();
        for (var i = 0; i < 3; i++)
            await app.AddPupilAsync(school, $"Lambert{i}", "Eve");
        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.read");
        using var api = await app.ApiAsync(id, secret, "schoolmis.read");

        var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils?search=lambert&page=2&pageSize=2", Ct);
        page.GetProperty("total").GetInt32().ShouldBe(3);
        page.GetProperty("items").GetArrayLength().ShouldBe(1);
        var item = page.GetProperty("items")[0];
        item.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["id", "externalId", "upn", "surname", "forename", "dateOfBirth", "sex", "ncYear", "admissionNumber", "registrationGroup", "onRoll"]);
        item.GetProperty("dateOfBirth").GetString().ShouldBe("2018-05-01");

        var pupil = await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils/{item.GetProperty("id").GetGuid()}", Ct);
        foreach (var field in new[] { "externalId", "upn", "uln", "surname", "forename", "middleNames", "preferredSurname", "preferredForename",
                     "formerSurname", "dateOfBirth", "sex", "admissionNumber", "admissionDate", "leavingDate", "leavingReason",
                     "enrolmentStatus", "ncYear", "registrationGroupExternalId", "ethnicity", "firstLanguage", "partTime", "boarder",
                     "serviceChild", "youngCarer", "address" })
            pupil.TryGetProperty(field, out _).ShouldBeTrue(field);

        var tooBig = await api.GetAsync($"/api/v1/schools/{school.Slug}/pupils?pageSize=5000", Ct);
        tooBig.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooBig.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("pageSize", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_platform_admin_provisions_a_school_with_its_first_admin_from_the_browser()
    {
        using var operatorBrowser = await app.SignInNewUserAsync("PlatformAdmin", null);
        var slug = $"ops-{Guid.NewGuid():N}"[..16];
        var estab = Random.Shared.Next(5000, 9999).ToString();

        var invalid = await SchoolMisApp.PostFormAsync(operatorBrowser, "/platform/schools", "provision-school", new()
        {
            ["Form.Name"] = "Meadow Primary", ["Form.Slug"] = slug, ["Form.LaCode"] = "80", ["Form.Estab"] = estab,
            ["Form.Urn"] = "123456", ["Form.Phase"] = "PS", ["Form.AdminName"] = "Meg Head", ["Form.AdminEmail"] = $"{slug}@school.test",
        });
        (await invalid.Content.ReadAsStringAsync(Ct)).ShouldContain("The LA code is 3 digits");

        var response = await SchoolMisApp.PostFormAsync(operatorBrowser, "/platform/schools", "provision-school", new()
        {
            ["Form.Name"] = "Meadow Primary", ["Form.Slug"] = slug, ["Form.LaCode"] = "806", ["Form.Estab"] = estab,
            ["Form.Urn"] = "123456", ["Form.Phase"] = "PS", ["Form.AdminName"] = "Meg Head", ["Form.AdminEmail"] = $"{slug}@school.test",
        });
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain($"/schools/{slug}");
        var password = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "id=\"one-time-password\">([^<]+)<").Groups[1].Value);
        password.ShouldNotBeEmpty();

        // The new admin signs in with it and is sent to choose their own password first.
        using var newAdmin = app.Browser();
        var login = await SchoolMisApp.PostFormAsync(newAdmin, "/account/login", "login", new() { ["Input.Email"] = $"{slug}@school.test", ["Input.Password"] = password });
        SchoolMisApp.LocalPath(login.Headers.Location!).ShouldStartWith("/account/change-password");
        var gated = await newAdmin.GetAsync($"/schools/{slug}/pupils", Ct);
        SchoolMisApp.LocalPath(gated.Headers.Location!).ShouldStartWith("/account/change-password");
    }

    [Fact]
    public async Task Only_platform_admins_open_the_platform_pages()
    {
        var school = await app.ProvisionSchoolAsync();
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        var response = await admin.GetAsync("/platform/schools", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        SchoolMisApp.LocalPath(response.Headers.Location!).ShouldStartWith("/account/access-denied");
    }
}

public sealed class PupilRecordTestsOnSqlite(SqliteApp app) : PupilRecordTests<SqliteApp>(app);
public sealed class PupilRecordTestsOnPostgres(PostgresApp app) : PupilRecordTests<PostgresApp>(app);
