using System.IO.Compression;
using System.Net;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Census.Domain;
using SchoolMis.Census.Returns;
using SchoolMis.IntegrationTests.TestKit;
using SchoolMis.Platform;
using SchoolMis.Pupils.Features.AddPupil;

namespace SchoolMis.IntegrationTests;

/// <summary>
/// The LA's view of the census (issue 6): an LA's client or officer gets its own schools' returns, each produced inside
/// that school alone, and nobody else's; a school's client or user, or another LA's, is refused.
/// </summary>
public abstract class LaCensusTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private CensusCollection Collection => CensusCollection.Upcoming(app.Services.GetRequiredService<TimeProvider>().Today());

    private string LaRoute(string la) => $"/api/v1/las/{la}/census/{Collection.Year}/{Collection.TermCode}";

    private sealed record SchoolWithPupil(TestSchool School, string Upn);

    private async Task<SchoolWithPupil> SchoolAsync(string la)
    {
        var school = await app.ProvisionSchoolAsync(la);
        var details = TestPupils.Details("Pupil" + school.Estab);
        await app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(new AddPupilCommand(details)));
        return new(school, details.Upn!);
    }

    /// <summary>Two LAs with two schools each, every school with a pupil of its own.</summary>
    private async Task<(SchoolWithPupil[] Mine, SchoolWithPupil[] Theirs)> TwoLasAsync(string mine, string theirs) =>
        ([await SchoolAsync(mine), await SchoolAsync(mine)], [await SchoolAsync(theirs), await SchoolAsync(theirs)]);

    private async Task<HttpClient> LaClientAsync(string la, string scope = "schoolmis.census")
    {
        var (id, secret) = await app.RegisterClientAsync(null, la, scope);
        return await app.ApiAsync(id, secret, scope);
    }

    /// <summary>Reads a zip and checks each entry against the return's schema; answers entry name to XML.</summary>
    private static async Task<Dictionary<string, XDocument>> ReadZipAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, TestContext.Current.CancellationToken);
        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        var entries = new Dictionary<string, XDocument>();
        foreach (var entry in zip.Entries)
        {
            var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = CensusWriter.Schema() };
            settings.ValidationEventHandler += (_, e) => throw new XmlException($"{entry.FullName}: {e.Message}");
            await using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, settings);
            entries[entry.FullName] = XDocument.Load(reader);
        }
        return entries;
    }

    private static string[] Upns(XDocument xml) => xml.Descendants("UPN").Select(e => e.Value).ToArray();

    private void ShouldHoldExactly(Dictionary<string, XDocument> zip, SchoolWithPupil[] mine, SchoolWithPupil[] theirs)
    {
        zip.Keys.Order().ShouldBe(mine.Select(s => Collection.FileName(s.School.LaCode, s.School.Estab, 1)).Order());
        foreach (var s in mine)
        {
            var xml = zip[Collection.FileName(s.School.LaCode, s.School.Estab, 1)];
            xml.Descendants("Estab").First().Value.ShouldBe(s.School.Estab);
            Upns(xml).ShouldBe([s.Upn]); // its own pupil, and no other school's
        }
        var all = zip.Values.SelectMany(Upns).ToList();
        foreach (var other in theirs)
            all.ShouldNotContain(other.Upn);
    }

    [Fact]
    public async Task An_la_client_gets_a_zip_of_its_own_schools_returns_each_with_only_that_schools_pupils()
    {
        var (mine, theirs) = await TwoLasAsync("901", "902");
        using var api = await LaClientAsync("901");

        var response = await api.GetAsync(LaRoute("901"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, app.ServerErrors.ToString());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe($"901_SC_{Collection.Year}_{Collection.TermCode}.zip");
        ShouldHoldExactly(await ReadZipAsync(response), mine, theirs);

        // Each return was recorded in its own school, under serial 1; the other LA's schools produced nothing.
        foreach (var s in mine)
            (await StatusAsync(s.School)).LastFile!.SerialNo.ShouldBe(1);
        foreach (var s in theirs)
            (await StatusAsync(s.School)).LastFile.ShouldBeNull();
    }

    private Task<CensusStatus> StatusAsync(TestSchool school) =>
        app.InSchoolAsync(school.Id, (_, sp) => sp.GetRequiredService<CensusReturns>().StatusAsync(Collection, Ct));

    [Fact]
    public async Task Only_a_client_or_officer_of_that_la_gets_its_zip()
    {
        var (mine, _) = await TwoLasAsync("903", "904");
        using var otherLa = await LaClientAsync("904");
        var (schoolClientId, schoolSecret) = await app.RegisterClientAsync([mine[0].School.Slug], null, "schoolmis.census");
        using var schoolClient = await app.ApiAsync(schoolClientId, schoolSecret, "schoolmis.census");
        using var withoutCensusScope = await LaClientAsync("903", "schoolmis.read");
        using var anonymous = app.CreateClient();
        using var schoolAdmin = await app.SignInNewUserAsync("SchoolAdmin", [mine[0].School.Slug]);
        using var officer = await app.SignInNewUserAsync("LaOfficer", null, "903");

        foreach (var (caller, name) in new[] { (otherLa, "another LA's client"), (schoolClient, "a school's client"),
                     (withoutCensusScope, "an LA client without the census scope"), (schoolAdmin, "a school admin") })
        {
            var refused = await caller.GetAsync(LaRoute("903"), Ct);
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, name);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", name);
        }
        (await anonymous.GetAsync(LaRoute("903"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await otherLa.GetAsync($"/api/v1/las/9x4/census/{Collection.Year}/{Collection.TermCode}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherLa.GetAsync($"/api/v1/las/904/census/{Collection.Year}/XYZ", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The LA's own officer may use the API route with their sign-in, for their LA only.
        (await officer.GetAsync(LaRoute("903"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, app.ServerErrors.ToString());
        (await officer.GetAsync(LaRoute("904"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_la_client_reaches_one_return_of_its_own_schools_and_no_school_of_another_la()
    {
        var (mine, theirs) = await TwoLasAsync("905", "906");
        using var api = await LaClientAsync("905");
        var route = (TestSchool s) => $"/api/v1/schools/{s.Slug}/census/{Collection.Year}/{Collection.TermCode}";

        var own = await api.GetAsync(route(mine[1].School), Ct);
        own.StatusCode.ShouldBe(HttpStatusCode.OK, app.ServerErrors.ToString());
        Upns(XDocument.Parse(await own.Content.ReadAsStringAsync(Ct))).ShouldBe([mine[1].Upn]);

        var other = await api.GetAsync(route(theirs[0].School), Ct);
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Content.ReadAsStringAsync(Ct)).ShouldNotContain(theirs[0].Upn);
        (await StatusAsync(theirs[0].School)).LastCheck.ShouldBeNull();
    }

    [Fact]
    public async Task The_la_officers_page_lists_only_their_schools_and_checks_only_their_schools()
    {
        var (mine, theirs) = await TwoLasAsync("907", "908");
        using var officer = await app.SignInNewUserAsync("LaOfficer", null, "907");
        var page = $"/la/census?year={Collection.Year}&term={Collection.TermCode}";

        var html = await officer.GetStringAsync(page, Ct);
        foreach (var s in mine)
            html.ShouldContain(s.School.LaEstab);
        foreach (var s in theirs)
            html.ShouldNotContain(s.School.LaEstab);
        html.ShouldContain("Not checked");

        var check = await SchoolMisApp.PostFormAsync(officer, page, "check-school", new() { ["school"] = mine[0].School.Id.ToString() });
        check.StatusCode.ShouldBe(HttpStatusCode.Redirect, await check.Content.ReadAsStringAsync(Ct) + app.ServerErrors);
        SchoolMisApp.LocalPath(check.Headers.Location!).ShouldContain($"checked={mine[0].School.Slug}");
        (await StatusAsync(mine[0].School)).LastCheck!.PupilsOnRoll.ShouldBe(1);
        (await officer.GetStringAsync(SchoolMisApp.LocalPath(check.Headers.Location!), Ct)).ShouldContain("Checked ");

        // A school of another LA, posted by hand, is refused and nothing runs in it.
        var refused = await SchoolMisApp.PostFormAsync(officer, page, "check-school", new() { ["school"] = theirs[0].School.Id.ToString() });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("nothing was checked");
        (await StatusAsync(theirs[0].School)).LastCheck.ShouldBeNull();

        // The page's download: the same zip, for the officer's own LA.
        var zip = await officer.GetAsync($"/la/census/{Collection.Year}/{Collection.TermCode}/returns", Ct);
        zip.StatusCode.ShouldBe(HttpStatusCode.OK, app.ServerErrors.ToString());
        ShouldHoldExactly(await ReadZipAsync(zip), mine, theirs);
    }

    [Fact]
    public async Task School_staff_cannot_open_the_la_page_and_an_la_officer_cannot_open_school_pages()
    {
        var (mine, _) = await TwoLasAsync("909", "910");
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [mine[0].School.Slug]);
        using var teacher = await app.SignInNewUserAsync("Teacher", [mine[0].School.Slug]);
        using var officer = await app.SignInNewUserAsync("LaOfficer", null, "909");

        foreach (var user in new[] { admin, teacher })
        {
            foreach (var route in new[] { "/la/census", $"/la/census/{Collection.Year}/{Collection.TermCode}/returns" })
            {
                var response = await user.GetAsync(route, Ct);
                response.StatusCode.ShouldBe(HttpStatusCode.Redirect, route);
                SchoolMisApp.LocalPath(response.Headers.Location!).ShouldStartWith("/account/access-denied");
            }
        }

        (await officer.GetAsync("/la/census", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var route in new[] { $"/schools/{mine[0].School.Slug}/pupils", $"/schools/{mine[0].School.Slug}/census/{Collection.Year}/{Collection.TermCode}/return" })
            (await officer.GetAsync(route, Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK, route);
    }
}

public sealed class LaCensusTestsOnSqlite(SqliteApp app) : LaCensusTests<SqliteApp>(app);
public sealed class LaCensusTestsOnPostgres(PostgresApp app) : LaCensusTests<PostgresApp>(app);
