using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Attendance.Features.Calendar;
using SchoolMis.IntegrationTests.TestKit;
using SchoolMis.Medical.Contracts;
using SchoolMis.Medical.Data;
using SchoolMis.Medical.Domain;
using SchoolMis.Platform.Auditing;
using SchoolMis.Pupils.Contracts;
using SchoolMis.Pupils.Features.RegistrationGroups;

namespace SchoolMis.IntegrationTests;

/// <summary>
/// Medical records: the marker every teacher sees on registers and lists, the detail only for the office and the
/// pupil's tutors, never another school or the LA; the medical import; every change audited.
/// </summary>
public abstract partial class MedicalTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A school loaded as a migration would: groups 5H and 4K, pupils P1 and P2 in 5H, P3 in 4K, a calendar.</summary>
    private sealed record MedicalSchool(TestSchool School, HttpClient Api, Guid Group5H, Guid Group4K, IReadOnlyDictionary<string, Guid> Pupils)
    {
        public string PupilPage(string externalId) => $"/schools/{School.Slug}/pupils/{Pupils[externalId]}/medical";
        public string RegisterPage => $"/schools/{School.Slug}/attendance/registers/{Group5H}/{TestAttendance.SchoolDay:yyyy-MM-dd}/AM";
    }

    private async Task<MedicalSchool> SchoolAsync()
    {
        var school = await app.ProvisionSchoolAsync();
        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.import", "schoolmis.read");
        var api = await app.ApiAsync(id, secret, "schoolmis.import schoolmis.read");
        await ImportAsync(api, school, "registration-groups",
            new[] { new { externalId = "G-5H", code = "5H", name = "Herons", ncYear = "5" }, new { externalId = "G-4K", code = "4K", name = "Kingfishers", ncYear = "4" } },
            HttpStatusCode.OK);
        var pupils = new[] { ("P1", "Ashby", "G-5H"), ("P2", "Brook", "G-5H"), ("P3", "Carter", "G-4K") }.Select((p, i) => new
        {
            externalId = p.Item1, upn = TestPupils.NewUpn(), surname = p.Item2, forename = "Sam", dateOfBirth = "2016-03-01", sex = "F",
            admissionNumber = $"{Random.Shared.Next(100000, 999999)}", admissionDate = "2021-09-06", enrolmentStatus = "C", ncYear = "5",
            registrationGroupExternalId = p.Item3,
        }).ToArray();
        await ImportAsync(api, school, "pupils", pupils, HttpStatusCode.OK);
        return await app.InSchoolAsync(school.Id, async (sender, _) =>
        {
            await sender.Send(new SetUpAcademicYearCommand("2026/27", new(2026, 9, 1), new(2027, 8, 31), new(8, 50), new(13, 15), 30,
                [new("Autumn term", new(2026, 9, 4), new(2026, 12, 18), new(2026, 10, 26), new(2026, 10, 30))]), Ct);
            var h = await sender.Send(new FindRegistrationGroupQuery(ExternalIdOrCode: "G-5H"), Ct);
            var k = await sender.Send(new FindRegistrationGroupQuery(ExternalIdOrCode: "G-4K"), Ct);
            var found = await sender.Send(new FindPupilsByExternalIdQuery(["P1", "P2", "P3"]), Ct);
            return new MedicalSchool(school, api, h!.RegistrationGroupId, k!.RegistrationGroupId, found.ToDictionary(p => p.ExternalId!, p => p.PupilId));
        });
    }

    private async Task<JsonElement> ImportAsync(HttpClient api, TestSchool school, string dataset, object rows, HttpStatusCode expected)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/schools/{school.Slug}/imports/{dataset}", rows, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        response.StatusCode.ShouldBe(expected, body.ToString() + app.ServerErrors);
        return body;
    }

    private static object[] Records =>
    [
        new { externalId = "M1", pupilExternalId = "P1", kind = "allergy", description = "Peanuts: anaphylaxis", severity = "severe", notes = "Adrenaline pen in the office" },
        new { externalId = "M2", pupilExternalId = "P2", kind = "medication", description = "Salbutamol inhaler", severity = "mild", notes = (string?)null,
            dose = "2 puffs", timing = "Before PE", storage = "Classroom medical box" },
        new { externalId = "M3", pupilExternalId = "P3", kind = "condition", description = "Epilepsy", severity = (string?)null, notes = "Care plan on file", alert = true },
    ];

    private Task<int> CountItemsAsync(TestSchool school) =>
        app.InSchoolAsync(school.Id, (_, sp) => sp.GetRequiredService<MedicalDbContext>().Items.CountAsync(Ct));

    [GeneratedRegex("class=\"alert-marker\"")]
    private static partial Regex Marker();

    [Fact]
    public async Task The_medical_import_is_idempotent_updates_changed_rows_refuses_bad_rows_whole_and_is_audited()
    {
        var s = await SchoolAsync();
        using var _ = s.Api;
        (await ImportAsync(s.Api, s.School, "medical", Records, HttpStatusCode.OK)).GetProperty("created").GetInt32().ShouldBe(3);
        var again = await ImportAsync(s.Api, s.School, "medical", Records, HttpStatusCode.OK);
        again.GetProperty("unchanged").GetInt32().ShouldBe(3);
        again.GetProperty("created").GetInt32().ShouldBe(0);

        var changed = Records.ToList();
        changed[1] = new { externalId = "M2", pupilExternalId = "P2", kind = "medication", description = "Salbutamol inhaler", severity = "moderate",
            dose = "4 puffs", timing = "Before PE", storage = "Classroom medical box" };
        var update = await ImportAsync(s.Api, s.School, "medical", changed, HttpStatusCode.OK);
        update.GetProperty("updated").GetInt32().ShouldBe(1);
        update.GetProperty("unchanged").GetInt32().ShouldBe(2);

        object[] bad =
        [
            new { externalId = "M4", pupilExternalId = "P1", kind = "injury", description = "Sprain" },
            new { externalId = "M5", pupilExternalId = "P1", kind = "allergy", description = "" },
            new { externalId = "M6", pupilExternalId = "NOPE", kind = "dietary", description = "Vegetarian" },
            new { externalId = "M7", pupilExternalId = "P2", kind = "allergy", description = "Latex", severity = "extreme" },
            new { externalId = "M8", pupilExternalId = "P2", kind = "dietary", description = "Halal" },
        ];
        var refused = await ImportAsync(s.Api, s.School, "medical", bad, HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("rejected").GetInt32().ShouldBe(4);
        var errors = refused.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString(), e.GetProperty("message").GetString()!)).ToList();
        errors.ShouldContain(e => e.Item1 == 1 && e.Item2 == "kind" && e.Item3.Contains("'injury' is not a kind of medical record"));
        errors.ShouldContain(e => e.Item1 == 2 && e.Item2 == "description");
        errors.ShouldContain(e => e.Item1 == 3 && e.Item2 == "pupilExternalId" && e.Item3.Contains("No pupil with externalId 'NOPE'"));
        errors.ShouldContain(e => e.Item1 == 4 && e.Item2 == "severity" && e.Item3.Contains("mild, moderate or severe"));
        (await CountItemsAsync(s.School)).ShouldBe(3); // the good row of a refused request is not written either

        var counts = await s.Api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{s.School.Slug}/reconciliation", Ct);
        counts.GetProperty("medical").GetInt32().ShouldBe(3);

        // Who changed what, and when: the import's creation and the one update.
        var trail = await app.InSchoolAsync(s.School.Id, async (_, sp) =>
        {
            var db = sp.GetRequiredService<MedicalDbContext>();
            var id = await db.Items.Where(i => i.ExternalId == "M2").Select(i => i.Id).SingleAsync(Ct);
            return await db.AuditTrailAsync<MedicalItem>([id], Ct);
        });
        trail.Select(t => t.Action).ShouldBe(["Added", "Modified"]);
        trail[1].Changes["Severity"].ShouldBe(new AuditChange("Mild", "Moderate"));
        trail[1].Changes["Dose"].ShouldBe(new AuditChange("2 puffs", "4 puffs"));
        trail[1].ChangedBy.ShouldStartWith("API client ");
    }

    [Fact]
    public async Task A_tutor_sees_the_marker_on_the_register_and_pupil_list_and_the_detail_only_for_their_own_group()
    {
        var s = await SchoolAsync();
        using var _ = s.Api;
        await ImportAsync(s.Api, s.School, "medical", Records, HttpStatusCode.OK);
        var (teacher, teacherId) = await app.SignInNewUserWithIdAsync("Teacher", [s.School.Slug]);
        using var __ = teacher;
        await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new SetGroupTutorsCommand(s.Group5H, [teacherId]), Ct));

        // The register of 5H: P1's severe allergy shows as a marker; P2's mild medication does not; no detail at all.
        var register = await teacher.GetAsync(s.RegisterPage, Ct);
        register.StatusCode.ShouldBe(HttpStatusCode.OK, app.ServerErrors.ToString());
        var html = await register.Content.ReadAsStringAsync(Ct);
        Marker().Count(html).ShouldBe(1);
        html.ShouldContain("title=\"Medical alert: Severe allergy\"");
        html.ShouldContain($"href=\"{s.PupilPage("P1")}\"");
        html.ShouldContain("<span class=\"visually-hidden\"> alert: Severe allergy</span>");
        html.ShouldNotContain("Peanuts");

        // The pupil list marks every pupil with an alert (P3 is not the teacher's), still without detail.
        var list = await teacher.GetStringAsync($"/schools/{s.School.Slug}/pupils", Ct);
        Marker().Count(list).ShouldBe(2);
        list.ShouldContain("Medical alert: Medical condition");
        list.ShouldNotContain("Epilepsy");

        // Detail: their own pupil yes, another group's pupil no.
        var own = await teacher.GetAsync(s.PupilPage("P1"), Ct);
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ownHtml = await own.Content.ReadAsStringAsync(Ct);
        ownHtml.ShouldContain("Peanuts: anaphylaxis");
        ownHtml.ShouldNotContain("id=\"add-item\""); // reading is not editing

        var other = await teacher.GetAsync(s.PupilPage("P3"), Ct);
        other.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var otherHtml = await other.Content.ReadAsStringAsync(Ct);
        otherHtml.ShouldContain("shown only to the school office and to the tutors");
        otherHtml.ShouldNotContain("Epilepsy");

        // Editing pages are the office's: a teacher is turned away before anything is shown.
        var edit = await teacher.GetAsync($"{s.PupilPage("P1")}/items/new", Ct);
        edit.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await teacher.GetAsync($"/schools/{s.School.Slug}/medical", Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_la_officer_other_schools_and_la_wide_clients_see_no_medical_detail()
    {
        var a = await SchoolAsync();
        var b = await SchoolAsync();
        using var _ = a.Api;
        using var __ = b.Api;
        await ImportAsync(a.Api, a.School, "medical", Records, HttpStatusCode.OK);

        // Pages: the LA officer of the school's LA, and the office of another school.
        using var la = await app.SignInNewUserAsync("LaOfficer", null, a.School.LaCode);
        var laPage = await la.GetAsync(a.PupilPage("P1"), Ct);
        laPage.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await laPage.Content.ReadAsStringAsync(Ct)).ShouldNotContain("Peanuts");
        (await la.GetAsync($"/schools/{a.School.Slug}/medical", Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        using var adminB = await app.SignInNewUserAsync("SchoolAdmin", [b.School.Slug]);
        (await adminB.GetAsync(a.PupilPage("P1"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // B's own address with A's pupil id: no such pupil at B.
        (await adminB.GetAsync($"/schools/{b.School.Slug}/pupils/{a.Pupils["P1"]}/medical", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await adminB.GetStringAsync($"/schools/{b.School.Slug}/medical", Ct)).ShouldNotContain("Peanuts");

        // API: A's own client reads it; B's client gets 404; a client granted the whole LA is refused with 403.
        var url = $"/api/v1/schools/{a.School.Slug}/pupils/{a.Pupils["P1"]}/medical";
        var own = await a.Api.GetFromJsonAsync<JsonElement>(url, Ct);
        own.GetProperty("alert").GetString().ShouldBe("Severe allergy");
        own.GetProperty("items")[0].GetProperty("kind").GetString().ShouldBe("allergy");
        (await b.Api.GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (laClient, laSecret) = await app.RegisterClientAsync(null, a.School.LaCode, "schoolmis.read");
        using var laApi = await app.ApiAsync(laClient, laSecret, "schoolmis.read");
        var refused = await laApi.GetAsync(url, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldNotContain("Peanuts");

        // Imports and markers stay inside their school.
        (await b.Api.PostAsJsonAsync($"/api/v1/schools/{a.School.Slug}/imports/medical", Records, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var crossAlerts = await app.InSchoolAsync(b.School.Id, async (sender, _) => await sender.Send(new GetMedicalAlertsQuery(a.Pupils.Values.ToList()), Ct));
        crossAlerts.ShouldBeEmpty();
        (await CountItemsAsync(b.School)).ShouldBe(0);
    }

    [Fact]
    public async Task A_ctf_medical_flag_becomes_a_condition_to_follow_up_once_however_often_the_file_comes()
    {
        var school = await app.ProvisionSchoolAsync();
        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.import", "schoolmis.read");
        using var api = await app.ApiAsync(id, secret, "schoolmis.import schoolmis.read");
        string[] upns = [TestPupils.NewUpn(), TestPupils.NewUpn()];
        var pupils = upns.Select((upn, i) => $"""
            <Pupil><UPN>{upn}</UPN><Surname>FLAGGED{i}</Surname><Forename>Chris</Forename><DOB>2016-06-01</DOB><Gender>M</Gender>
              <BasicDetails><NCyearActual>4</NCyearActual><MedicalFlag>{(i == 0 ? "true" : "false")}</MedicalFlag></BasicDetails>
            </Pupil>
            """);
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <CTfile>
              <Header>
                <DocumentName>Common Transfer File</DocumentName><CTFversion>25.0</CTFversion><DateTime>2026-03-01T10:30:00</DateTime>
                <DocumentQualifier>full</DocumentQualifier><SupplierID>OLDMIS</SupplierID>
                <SourceSchool><LEA>999</LEA><Estab>1001</Estab><URN>123456</URN><SchoolName>Old School</SchoolName><AcademicYear>2025</AcademicYear></SourceSchool>
                <DestSchool><LEA>{school.LaCode}</LEA><Estab>{school.Estab}</Estab></DestSchool>
              </Header>
              <CTFpupilData>{string.Join("\n", pupils)}</CTFpupilData>
            </CTfile>
            """;
        async Task<JsonElement> PostAsync()
        {
            using var content = new StringContent(xml, System.Text.Encoding.UTF8, "application/xml");
            var response = await api.PostAsync($"/api/v1/schools/{school.Slug}/imports/ctf", content, Ct);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString() + app.ServerErrors);
            return body.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("dataset").GetString() == "medical");
        }

        (await PostAsync()).GetProperty("created").GetInt32().ShouldBe(1);
        var again = await PostAsync();
        again.GetProperty("created").GetInt32().ShouldBe(0);
        again.GetProperty("unchanged").GetInt32().ShouldBe(1);
        var items = await app.InSchoolAsync(school.Id, (_, sp) => sp.GetRequiredService<MedicalDbContext>().Items.ToListAsync(Ct));
        var item = items.ShouldHaveSingleItem();
        item.Kind.ShouldBe(MedicalItemKind.Condition);
        item.Description.ShouldContain("ask the parents");
        item.RaisesAlert.ShouldBeFalse();
    }

    [Fact]
    public async Task The_office_adds_a_severe_allergy_through_the_form_and_the_register_shows_the_alert_with_a_history()
    {
        var s = await SchoolAsync();
        using var _ = s.Api;
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [s.School.Slug]);
        var form = $"{s.PupilPage("P2")}/items/new";

        var refused = await SchoolMisApp.PostFormAsync(admin, form, "medical-item", new() { ["Form.Kind"] = "Allergy", ["Form.Description"] = "" });
        var refusedHtml = await refused.Content.ReadAsStringAsync(Ct);
        refusedHtml.ShouldContain("Describe the condition, allergy, medication or dietary need.", Case.Insensitive, $"{refused.StatusCode} {app.ServerErrors} {Regex.Match(refusedHtml, "<main.*", RegexOptions.Singleline).Value}");
        (await CountItemsAsync(s.School)).ShouldBe(0);

        var saved = await SchoolMisApp.PostFormAsync(admin, form, "medical-item",
            new() { ["Form.Kind"] = "Allergy", ["Form.Description"] = "Sesame", ["Form.Severity"] = "Severe", ["Form.Notes"] = "Epipen in bag" });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync(Ct) + app.ServerErrors);

        var register = await admin.GetStringAsync(s.RegisterPage, Ct);
        Marker().Count(register).ShouldBe(1);
        register.ShouldContain($"href=\"{s.PupilPage("P2")}\"");

        var record = await admin.GetStringAsync(s.PupilPage("P2"), Ct);
        record.ShouldContain("Medical alert: Severe allergy.");
        record.ShouldContain("id=\"medical-history\"");
        record.ShouldContain("Test User (");
        record.ShouldContain("Sesame");

        // The doctor and a first-aid entry are kept too.
        (await SchoolMisApp.PostFormAsync(admin, s.PupilPage("P2"), "doctor", new() { ["Doctor.Name"] = "Dr A Patel", ["Doctor.Practice"] = "Redland Surgery", ["Doctor.Phone"] = "0117 900 0000" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect, app.ServerErrors.ToString());
        (await SchoolMisApp.PostFormAsync(admin, s.PupilPage("P2"), "medical-event", new()
        {
            ["Event.Date"] = "2026-11-10", ["Event.Time"] = "10:45", ["Event.Kind"] = "FirstAid", ["Event.Description"] = "Grazed knee cleaned",
            ["Event.GivenBy"] = "Mrs Jones", ["Event.ParentInformed"] = "true",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect, app.ServerErrors.ToString());
        var after = await admin.GetStringAsync(s.PupilPage("P2"), Ct);
        after.ShouldContain("Redland Surgery");
        after.ShouldContain("Grazed knee cleaned");
    }
}

public sealed class MedicalTestsOnSqlite(SqliteApp app) : MedicalTests<SqliteApp>(app);
public sealed class MedicalTestsOnPostgres(PostgresApp app) : MedicalTests<PostgresApp>(app);
