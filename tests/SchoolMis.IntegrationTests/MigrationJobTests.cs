using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.IntegrationTests.TestKit;
using SchoolMis.Platform.Imports;

namespace SchoolMis.IntegrationTests;

/// <summary>The school admin's Migration page over plain HTTP: a confirmed upload becomes a background job with a progress page
/// and a JSON progress endpoint, and no other school can see either.</summary>
public abstract partial class MigrationJobTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Groups = """
        [{ "externalId": "G-4K", "code": "4K", "name": "Kingfishers", "ncYear": "4" },
         { "externalId": "G-5H", "code": "5H", "name": "Herons", "ncYear": "5" }]
        """;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("action=\"(/schools/[^\"]+/confirm)\"")]
    private static partial Regex ConfirmAction();

    private async Task<string> TokenAsync(HttpClient browser, string url)
    {
        var token = AntiforgeryToken().Match(await browser.GetStringAsync(url, Ct));
        token.Success.ShouldBeTrue($"no antiforgery token on {url}");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>Checks a file as the page's upload form does; answers the address of the page showing the check.</summary>
    private async Task<string> CheckAsync(HttpClient browser, TestSchool school, string dataset, string fileName, string content)
    {
        var token = await TokenAsync(browser, $"/schools/{school.Slug}/migration");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(dataset), "dataset" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)) { Headers = { ContentType = new(fileName.EndsWith(".xml", StringComparison.Ordinal) ? "application/xml" : "application/json") } }, "file", fileName },
        };
        var checkedFile = await browser.PostAsync($"/schools/{school.Slug}/migration/check", form, Ct);
        checkedFile.StatusCode.ShouldBe(HttpStatusCode.Redirect, app.ServerErrors.ToString());
        var page = SchoolMisApp.LocalPath(checkedFile.Headers.Location!);
        page.ShouldStartWith($"/schools/{school.Slug}/migration?upload=");
        return page;
    }

    /// <summary>The confirm form's address on the page showing a check.</summary>
    private async Task<string> ConfirmActionAsync(HttpClient browser, string checkPage)
    {
        var action = ConfirmAction().Match(await browser.GetStringAsync(checkPage, Ct));
        action.Success.ShouldBeTrue("the check offers no confirm button");
        return action.Groups[1].Value;
    }

    /// <summary>Presses the confirm button (posting from <paramref name="formPage"/>, whose antiforgery token it sends).</summary>
    private async Task<HttpResponseMessage> ConfirmAsync(HttpClient browser, string action, string formPage) =>
        await browser.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(browser, formPage),
        }), Ct);

    private async Task<string> CheckAndConfirmAsync(HttpClient browser, TestSchool school)
    {
        var checkPage = await CheckAsync(browser, school, "registration-groups", "groups.json", Groups);
        var confirmed = await ConfirmAsync(browser, await ConfirmActionAsync(browser, checkPage), checkPage);
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect, app.ServerErrors.ToString());
        return SchoolMisApp.LocalPath(confirmed.Headers.Location!);
    }

    private async Task<JsonElement> WaitForJobAsync(HttpClient browser, string progressUrl)
    {
        for (var i = 0; i < 100; i++)
        {
            var progress = await browser.GetFromJsonAsync<JsonElement>(progressUrl, Ct);
            if (progress.GetProperty("finished").GetBoolean())
                return progress;
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException("The import job did not finish in 10 seconds." + app.ServerErrors);
    }

    [Fact]
    public async Task Confirming_a_checked_upload_queues_a_job_whose_progress_page_reports_and_counts()
    {
        var school = await app.ProvisionSchoolAsync();
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        var checkPage = await CheckAsync(admin, school, "registration-groups", "groups.json", Groups);
        var action = await ConfirmActionAsync(admin, checkPage);

        var confirmed = await ConfirmAsync(admin, action, checkPage);

        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect, app.ServerErrors.ToString());
        var jobPage = SchoolMisApp.LocalPath(confirmed.Headers.Location!);
        jobPage.ShouldMatch($"^/schools/{school.Slug}/migration/jobs/[0-9a-f]{{32}}$");
        var progress = await WaitForJobAsync(admin, jobPage + "/progress");
        progress.GetProperty("status").GetString().ShouldBe("succeeded");
        progress.GetProperty("processed").GetInt32().ShouldBe(2);
        progress.GetProperty("total").GetInt32().ShouldBe(2);
        progress.GetProperty("rejected").GetInt32().ShouldBe(0);

        var html = await admin.GetStringAsync(jobPage, Ct);
        html.ShouldContain("Succeeded");
        html.ShouldContain("2 of 2 rows");
        html.ShouldContain("2 created, 0 updated, 0 unchanged");
        html.ShouldContain("id=\"reconciliation\"");
        html.ShouldNotContain("http-equiv=\"refresh\""); // finished: nothing left to refresh for
        (await admin.GetStringAsync($"/schools/{school.Slug}/migration", Ct)).ShouldContain($"href=\"{jobPage}\"");

        // The upload was moved into the job: confirming it again loads nothing twice.
        (await admin.GetStringAsync(checkPage, Ct)).ShouldNotContain(action);
        var again = await ConfirmAsync(admin, action, $"/schools/{school.Slug}/migration");
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        SchoolMisApp.LocalPath(again.Headers.Location!).ShouldContain("problem=");
    }

    [Fact]
    public async Task A_ctf_is_checked_section_by_section_then_loaded_as_a_job_with_what_was_not_loaded_listed()
    {
        var school = await app.ProvisionSchoolAsync();
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        var ctf = $"""
            <CTfile><Header><DocumentName>Common Transfer File</DocumentName><CTFversion>26.0</CTFversion><DocumentQualifier>full</DocumentQualifier>
            <SourceSchool><LEA>999</LEA><Estab>1001</Estab><SchoolName>Old School</SchoolName></SourceSchool></Header>
            <CTFpupilData><Pupil><UPN>{TestPupils.NewUpn()}</UPN><Surname>ARRIVING</Surname><Forename>Kit</Forename><DOB>2016-02-02</DOB><Sex>M</Sex>
            <BasicDetails><NCyearActual>5</NCyearActual></BasicDetails>
            <Contacts><Contact><Order>1</Order><Surname>ARRIVING</Surname><Forename>Pat</Forename><Relationship>PAR</Relationship></Contact></Contacts>
            <StageAssessments><KeyStage><Stage>KS1</Stage></KeyStage></StageAssessments></Pupil></CTFpupilData></CTfile>
            """;
        var checkPage = await CheckAsync(admin, school, "ctf", "transfer.xml", ctf);
        var checkHtml = await admin.GetStringAsync(checkPage, Ct);
        checkHtml.ShouldContain("id=\"ctf-sections\"");
        checkHtml.ShouldContain("StageAssessments");
        checkHtml.ShouldContain("Load 1 pupils");

        var confirmed = await ConfirmAsync(admin, await ConfirmActionAsync(admin, checkPage), checkPage);
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect, app.ServerErrors.ToString());
        var jobPage = SchoolMisApp.LocalPath(confirmed.Headers.Location!);
        var progress = await WaitForJobAsync(admin, jobPage + "/progress");
        progress.GetProperty("status").GetString().ShouldBe("succeeded", app.ServerErrors.ToString());
        progress.GetProperty("total").GetInt32().ShouldBeGreaterThan(1); // the pupil, once for each section
        progress.GetProperty("processed").GetInt32().ShouldBe(progress.GetProperty("total").GetInt32());

        var html = await admin.GetStringAsync(jobPage, Ct);
        html.ShouldContain("Loaded 1 pupils from the CTF");
        html.ShouldContain("id=\"ctf-skipped\"");
        (await admin.GetStringAsync($"/schools/{school.Slug}/pupils?search=ARRIVING", Ct)).ShouldContain("ARRIVING");
    }

    [Fact]
    public async Task A_job_with_a_rejected_row_loads_nothing_and_its_page_lists_the_row_field_and_problem()
    {
        var school = await app.ProvisionSchoolAsync();
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        // A file the check would have refused, queued directly: the job refuses it whole.
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """
            [{ "externalId": "G-4K", "code": "4K", "name": "Kingfishers", "ncYear": "4" },
             { "externalId": "G-BAD", "code": "4K!", "name": "Bad", "ncYear": "4" }]
            """, Ct);
        var jobId = await app.InSchoolAsync(school.Id, async (_, services) =>
        {
            var db = services.GetRequiredService<ImportJobsDbContext>();
            var job = await ImportJob.QueueFromFileAsync(db, school.Id, "registration-groups", dryRun: false, ndJson: false, file, null, DateTimeOffset.UtcNow, Ct);
            return job!.Id;
        });
        File.Exists(file).ShouldBeFalse("the file is moved into the job");
        app.Services.GetRequiredService<ImportJobWorker>().Wake();
        var jobPage = $"/schools/{school.Slug}/migration/jobs/{jobId:N}";

        var progress = await WaitForJobAsync(admin, jobPage + "/progress");

        progress.GetProperty("status").GetString().ShouldBe("failed");
        progress.GetProperty("total").GetInt32().ShouldBe(2);
        progress.GetProperty("rejected").GetInt32().ShouldBe(1);
        var html = WebUtility.HtmlDecode(await admin.GetStringAsync(jobPage, Ct));
        html.ShouldContain("Failed");
        html.ShouldContain("Nothing was loaded: 1 row rejected.");
        html.ShouldContain("<td class=\"num\">2</td><td class=\"mono\">G-BAD</td><td>code</td><td>The code is up to 20 letters");
        html.ShouldContain("<td>registration-groups</td><td class=\"num\">0</td>"); // all or nothing: the good row was not kept
    }

    [Fact]
    public async Task Another_schools_job_is_not_found_by_its_progress_endpoint_or_its_page()
    {
        var school = await app.ProvisionSchoolAsync();
        var other = await app.ProvisionSchoolAsync();
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        using var otherAdmin = await app.SignInNewUserAsync("SchoolAdmin", [other.Slug]);
        var jobPage = await CheckAndConfirmAsync(admin, school);
        (await admin.GetAsync(jobPage + "/progress", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Under the other school's own address the tenant filter hides the job; under this school's, the other admin
        // may not reach the school at all. Both are the same 404 as a job that does not exist.
        var underOther = jobPage.Replace($"/schools/{school.Slug}/", $"/schools/{other.Slug}/");
        (await otherAdmin.GetAsync(underOther + "/progress", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherAdmin.GetAsync(underOther, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherAdmin.GetAsync(jobPage + "/progress", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherAdmin.GetAsync($"/schools/{other.Slug}/migration/jobs/{Guid.NewGuid():N}/progress", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherAdmin.GetStringAsync($"/schools/{other.Slug}/migration", Ct)).ShouldNotContain(jobPage[jobPage.LastIndexOf('/')..]);
    }

    [Fact]
    public async Task The_progress_endpoint_needs_a_signed_in_school_admin()
    {
        var school = await app.ProvisionSchoolAsync();
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        var progress = await CheckAndConfirmAsync(admin, school) + "/progress";

        using var anonymous = app.Browser();
        var signedOut = await anonymous.GetAsync(progress, Ct);
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedOut.Headers.Location!.ToString().ShouldContain("/account/login");
        using var teacher = await app.SignInNewUserAsync("Teacher", [school.Slug]);
        (await teacher.GetAsync(progress, Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }
}

public sealed class MigrationJobTestsOnSqlite(SqliteApp app) : MigrationJobTests<SqliteApp>(app);
public sealed class MigrationJobTestsOnPostgres(PostgresApp app) : MigrationJobTests<PostgresApp>(app);
