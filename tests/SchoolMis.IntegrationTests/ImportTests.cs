using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.IntegrationTests.TestKit;
using SchoolMis.Platform.Identifiers;

namespace SchoolMis.IntegrationTests;

/// <summary>Migration imports: idempotent, all or nothing, every rejected row reported.</summary>
public abstract class ImportTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestSchool School, HttpClient Api)> SchoolAsync()
    {
        var school = await app.ProvisionSchoolAsync();
        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.import", "schoolmis.read");
        return (school, await app.ApiAsync(id, secret, "schoolmis.import schoolmis.read"));
    }

    private static string Upn(int serial)
    {
        var rest = $"80123452{serial % 10000:0000}";
        return global::SchoolMis.Platform.Identifiers.Upn.CheckLetter(rest) + rest;
    }

    private static object Pupil(int n, string surname = "Imported", string? group = "G-4K") => new
    {
        externalId = $"P{n}", upn = Upn(n), surname, forename = $"Pupil{n}", dateOfBirth = "2016-03-01", sex = n % 2 == 0 ? "F" : "M",
        admissionNumber = $"{4000 + n}", admissionDate = "2021-09-06", enrolmentStatus = "C", ncYear = "5",
        registrationGroupExternalId = group, ethnicity = "WBRI", address = new { line1 = "1 High Street", postcode = "BS1 4DJ" },
    };

    private static object[] Groups => [new { externalId = "G-4K", code = "4K", name = "Kingfishers", ncYear = "4" }, new { externalId = "G-5H", code = "5H", name = "Herons", ncYear = "5" }];

    private async Task<JsonElement> ImportAsync(HttpClient api, TestSchool school, string dataset, object rows, HttpStatusCode expected, bool dryRun = false)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/schools/{school.Slug}/imports/{dataset}{(dryRun ? "?dryRun=true" : "")}", rows, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        response.StatusCode.ShouldBe(expected, body.ToString() + app.ServerErrors);
        return body;
    }

    private async Task<JsonElement> CountsAsync(HttpClient api, TestSchool school) =>
        await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/reconciliation", Ct);

    [Fact]
    public async Task Importing_the_same_rows_twice_changes_nothing_and_a_changed_row_updates()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        (await ImportAsync(api, school, "registration-groups", Groups, HttpStatusCode.OK)).GetProperty("created").GetInt32().ShouldBe(2);
        var pupils = Enumerable.Range(1, 25).Select(n => Pupil(n)).ToArray();
        var first = await ImportAsync(api, school, "pupils", pupils, HttpStatusCode.OK);
        first.GetProperty("received").GetInt32().ShouldBe(25);
        first.GetProperty("created").GetInt32().ShouldBe(25);

        var again = await ImportAsync(api, school, "pupils", pupils, HttpStatusCode.OK);
        again.GetProperty("created").GetInt32().ShouldBe(0);
        again.GetProperty("unchanged").GetInt32().ShouldBe(25);
        (await ImportAsync(api, school, "registration-groups", Groups, HttpStatusCode.OK)).GetProperty("unchanged").GetInt32().ShouldBe(2);

        pupils[3] = Pupil(4, surname: "Renamed", group: "G-5H");
        var changed = await ImportAsync(api, school, "pupils", pupils, HttpStatusCode.OK);
        changed.GetProperty("updated").GetInt32().ShouldBe(1);
        changed.GetProperty("unchanged").GetInt32().ShouldBe(24);

        var counts = await CountsAsync(api, school);
        counts.GetProperty("pupils").GetInt32().ShouldBe(25);
        counts.GetProperty("registration-groups").GetInt32().ShouldBe(2);
        var found = await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils?search=renamed", Ct);
        found.GetProperty("items")[0].GetProperty("registrationGroup").GetString().ShouldBe("5H");
    }

    /// <summary>A pupil row with the optional census details: null leaves a field out of the JSON.</summary>
    private static Dictionary<string, object?> CensusPupil(int n, bool? partTime = null, string? boarder = null, string? serviceChild = null, string? youngCarer = null)
    {
        var row = new Dictionary<string, object?>
        {
            ["externalId"] = $"P{n}", ["upn"] = Upn(n), ["surname"] = "Census", ["forename"] = $"Pupil{n}", ["dateOfBirth"] = "2016-03-01",
            ["sex"] = "F", ["admissionNumber"] = $"{4000 + n}", ["admissionDate"] = "2021-09-06", ["enrolmentStatus"] = "C", ["ncYear"] = "5",
            ["ethnicity"] = "WBRI", ["firstLanguage"] = "ENG",
        };
        foreach (var (name, value) in new (string, object?)[] { ("partTime", partTime), ("boarder", boarder), ("serviceChild", serviceChild), ("youngCarer", youngCarer) })
        {
            if (value is not null)
                row[name] = value;
        }
        return row;
    }

    [Fact]
    public async Task Census_details_are_optional_bad_codes_are_refused_by_row_and_field_and_a_row_without_them_keeps_them()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        var rows = new[] { CensusPupil(1, partTime: true, boarder: "7", serviceChild: "Y", youngCarer: "P"), CensusPupil(2) };
        (await ImportAsync(api, school, "pupils", rows, HttpStatusCode.OK)).GetProperty("created").GetInt32().ShouldBe(2);
        (await ImportAsync(api, school, "pupils", rows, HttpStatusCode.OK)).GetProperty("unchanged").GetInt32().ShouldBe(2);

        async Task<JsonElement> PupilAsync(int n)
        {
            var id = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils?search=Pupil{n}", Ct)).GetProperty("items")[0].GetProperty("id").GetGuid();
            return await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils/{id}", Ct);
        }
        string Fields(JsonElement p) =>
            $"{p.GetProperty("partTime")} {p.GetProperty("boarder")} {p.GetProperty("serviceChild")} {p.GetProperty("youngCarer")}";
        Fields(await PupilAsync(1)).ShouldBe("True 7 Y P");
        Fields(await PupilAsync(2)).ShouldBe("False N  "); // the defaults: full time, not a boarder, nothing recorded

        // An export from the old MIS that does not know these items leaves what the school recorded.
        (await ImportAsync(api, school, "pupils", new[] { CensusPupil(1) }, HttpStatusCode.OK)).GetProperty("unchanged").GetInt32().ShouldBe(1);
        Fields(await PupilAsync(1)).ShouldBe("True 7 Y P");
        (await ImportAsync(api, school, "pupils", new[] { CensusPupil(1, partTime: false, boarder: "N", serviceChild: "", youngCarer: "S") }, HttpStatusCode.OK))
            .GetProperty("updated").GetInt32().ShouldBe(1);
        Fields(await PupilAsync(1)).ShouldBe("False N  S");

        var refused = await ImportAsync(api, school, "pupils",
            new[] { CensusPupil(3, boarder: "X"), CensusPupil(4, serviceChild: "Q"), CensusPupil(5, youngCarer: "Y") }, HttpStatusCode.UnprocessableEntity);
        var errors = refused.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString(), e.GetProperty("message").GetString())).ToList();
        errors.ShouldContain(e => e.Item1 == 1 && e.Item2 == "boarder" && e.Item3!.Contains("Boarder must be N"));
        errors.ShouldContain(e => e.Item1 == 2 && e.Item2 == "serviceChild" && e.Item3!.Contains("Service child must be"));
        errors.ShouldContain(e => e.Item1 == 3 && e.Item2 == "youngCarer" && e.Item3!.Contains("Young carer must be"));
        (await CountsAsync(api, school)).GetProperty("pupils").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_dry_run_reports_and_writes_nothing()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        await ImportAsync(api, school, "registration-groups", Groups, HttpStatusCode.OK);
        var report = await ImportAsync(api, school, "pupils", Enumerable.Range(1, 5).Select(n => Pupil(n)).ToArray(), HttpStatusCode.OK, dryRun: true);
        report.GetProperty("dryRun").GetBoolean().ShouldBeTrue();
        report.GetProperty("created").GetInt32().ShouldBe(5);
        (await CountsAsync(api, school)).GetProperty("pupils").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task One_bad_row_writes_nothing_and_the_report_names_the_row_and_field()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        await ImportAsync(api, school, "registration-groups", Groups, HttpStatusCode.OK);
        var rows = Enumerable.Range(1, 6).Select(n => Pupil(n)).ToList();
        var badUpn = Upn(3);
        rows[2] = new
        {
            externalId = "P3", upn = (badUpn[0] == 'A' ? 'B' : 'A') + badUpn[1..], surname = "Bad", forename = "Row", dateOfBirth = "2016-03-01", sex = "F",
            admissionNumber = "4003", admissionDate = "2021-09-06", enrolmentStatus = "C", ncYear = "5", registrationGroupExternalId = "G-4K",
            ethnicity = "WBRI", address = new { line1 = "1 High Street", postcode = "BS1 4DJ" },
        };
        rows[4] = Pupil(5, group: "G-NOPE");
        rows.Add(Pupil(1)); // duplicate externalId P1

        var report = await ImportAsync(api, school, "pupils", rows, HttpStatusCode.UnprocessableEntity);
        report.GetProperty("rejected").GetInt32().ShouldBe(3);
        report.GetProperty("created").GetInt32().ShouldBe(0);
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString(), e.GetProperty("code").GetString())).ToList();
        errors.ShouldContain((3, "upn", "invalid"));
        errors.ShouldContain((5, "registrationGroupExternalId", "unknown-reference"));
        errors.ShouldContain((7, "externalId", "duplicate"));
        report.GetProperty("errors")[0].GetProperty("message").GetString().ShouldBe("UPN invalid (wrong check letter at character 1).");
        (await CountsAsync(api, school)).GetProperty("pupils").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Wrong_types_malformed_bodies_unknown_fields_and_oversized_bodies_are_refused()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        var wrongType = await api.PostAsync($"/api/v1/schools/{school.Slug}/imports/registration-groups",
            new StringContent("[{\"externalId\": \"G1\", \"code\": 12, \"name\": \"x\"}]", Encoding.UTF8, "application/json"), Ct);
        wrongType.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await wrongType.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe("code");

        var unknownField = await api.PostAsync($"/api/v1/schools/{school.Slug}/imports/registration-groups",
            new StringContent("[{\"externalId\": \"G1\", \"code\": \"1A\", \"name\": \"x\", \"colour\": \"red\"}]", Encoding.UTF8, "application/json"), Ct);
        unknownField.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await unknownField.Content.ReadAsStringAsync(Ct)).ShouldContain("colour");

        var malformed = await api.PostAsync($"/api/v1/schools/{school.Slug}/imports/registration-groups",
            new StringContent("[{\"externalId\": \"G1\", \"code\": \"1A\", \"name\": \"x\"}, {\"externalId\": ", Encoding.UTF8, "application/json"), Ct);
        malformed.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await malformed.Content.ReadAsStringAsync(Ct)).ShouldContain("not well-formed JSON");

        var huge = new string(' ', 5 * 1024 * 1024);
        var tooBig = await api.PostAsync($"/api/v1/schools/{school.Slug}/imports/registration-groups", new StringContent($"[{huge}]", Encoding.UTF8, "application/json"), Ct);
        tooBig.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        (await api.PostAsync($"/api/v1/schools/{school.Slug}/imports/no-such-dataset", new StringContent("[]", Encoding.UTF8, "application/json"), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await CountsAsync(api, school)).GetProperty("registration-groups").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Ndjson_attendance_history_keeps_old_codes_refuses_withdrawn_ones_and_a_changed_mark_is_an_amendment()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        await ImportAsync(api, school, "registration-groups", Groups, HttpStatusCode.OK);
        await ImportAsync(api, school, "pupils", new[] { Pupil(1), Pupil(2) }, HttpStatusCode.OK);

        async Task<HttpResponseMessage> Marks(string ndjson) => await api.PostAsync($"/api/v1/schools/{school.Slug}/imports/attendance-marks",
            new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"), Ct);
        var history = string.Join("\n",
            "{\"pupilExternalId\":\"P1\",\"date\":\"2023-11-07\",\"session\":\"AM\",\"code\":\"H\"}",
            "{\"pupilExternalId\":\"P1\",\"date\":\"2023-11-07\",\"session\":\"PM\",\"code\":\"H\"}",
            "{\"pupilExternalId\":\"P2\",\"date\":\"2026-11-10\",\"session\":\"AM\",\"code\":\"L\",\"minutesLate\":45}",
            "");
        var ok = await Marks(history);
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync(Ct));
        (await ok.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("created").GetInt32().ShouldBe(3);
        (await Marks(history)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CountsAsync(api, school)).GetProperty("attendance-marks").GetInt32().ShouldBe(3);

        var withdrawn = await Marks("{\"pupilExternalId\":\"P2\",\"date\":\"2026-11-10\",\"session\":\"PM\",\"code\":\"H\"}\n{\"pupilExternalId\":\"P9\",\"date\":\"2026-11-10\",\"session\":\"PM\",\"code\":\"/\"}");
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var report = await withdrawn.Content.ReadFromJsonAsync<JsonElement>(Ct);
        report.GetProperty("errors")[0].GetProperty("message").GetString()!.ShouldContain("withdrawn on 19 August 2024");
        report.GetProperty("errors")[1].GetProperty("code").GetString().ShouldBe("unknown-reference");

        var changed = await Marks("{\"pupilExternalId\":\"P1\",\"date\":\"2023-11-07\",\"session\":\"AM\",\"code\":\"I\"}");
        (await changed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("updated").GetInt32().ShouldBe(1);
        var p1 = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils?search=Pupil1", Ct)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var attendance = await app.InSchoolAsync(school.Id, async (sender, _) =>
            await sender.Send(new SchoolMis.Attendance.Features.PupilAttendance.GetPupilAttendanceQuery(p1, new(2023, 9, 1), new(2024, 7, 31)), Ct));
        var amendment = attendance.Amendments.ShouldHaveSingleItem();
        (amendment.PreviousCode, amendment.NewCode).ShouldBe(("H", "I"));
        amendment.AmendedBy.ShouldStartWith("Import by API client");
    }

    [Fact]
    public async Task Contacts_and_sibling_links_are_imported_and_shown_on_the_pupil_profile()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        await ImportAsync(api, school, "registration-groups", Groups, HttpStatusCode.OK);
        var p1 = Pupil(1);
        var withSibling = JsonSerializer.SerializeToNode(Pupil(2), JsonSerializerOptions.Web)!;
        withSibling["siblingExternalIds"] = new System.Text.Json.Nodes.JsonArray("P1", "P-ELSEWHERE");
        await ImportAsync(api, school, "pupils", new object[] { p1, withSibling }, HttpStatusCode.OK);
        var contacts = new[]
        {
            new { externalId = "C1", pupilExternalId = "P2", order = 1, title = "Mrs", surname = "Okoro", forename = "Ada", relationship = "Mother",
                  parentalResponsibility = true, phones = new[] { new { type = "Mobile", number = "07700 900123" } }, email = "ada@example.org", addressAsPupil = true },
            new { externalId = "C2", pupilExternalId = "P-NONE", order = 2, title = "Mr", surname = "X", forename = "Y", relationship = "Father",
                  parentalResponsibility = true, phones = new[] { new { type = "Home", number = "0117 496 0000" } }, email = "", addressAsPupil = false },
        };
        var bad = await ImportAsync(api, school, "contacts", contacts, HttpStatusCode.UnprocessableEntity);
        bad.GetProperty("errors")[0].GetProperty("row").GetInt32().ShouldBe(2);
        (await ImportAsync(api, school, "contacts", contacts.Take(1).ToArray(), HttpStatusCode.OK)).GetProperty("created").GetInt32().ShouldBe(1);
        (await ImportAsync(api, school, "contacts", contacts.Take(1).ToArray(), HttpStatusCode.OK)).GetProperty("unchanged").GetInt32().ShouldBe(1);
        (await ImportAsync(api, school, "pupils", new object[] { p1, withSibling }, HttpStatusCode.OK)).GetProperty("unchanged").GetInt32().ShouldBe(2);

        var id = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils?search=Pupil2", Ct)).GetProperty("items")[0].GetProperty("id").GetGuid();
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        var profile = await admin.GetStringAsync($"/schools/{school.Slug}/pupils/{id}", Ct);
        profile.ShouldContain("Mrs Ada Okoro");
        profile.ShouldContain("07700 900123");
        profile.ShouldContain("Pupil1 Imported");                 // the sibling at this school, linked
        profile.ShouldContain("P-ELSEWHERE (not at this school)");
        (await CountsAsync(api, school)).GetProperty("contacts").GetInt32().ShouldBe(1);
    }

    private async Task<JsonElement> WaitForJobAsync(HttpClient api, string location)
    {
        for (var i = 0; i < 100; i++)
        {
            var job = await api.GetFromJsonAsync<JsonElement>(location, Ct);
            if (job.GetProperty("status").GetString() is "succeeded" or "failed")
                return job;
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException("The import job did not finish in 10 seconds.");
    }

    [Fact]
    public async Task An_async_import_is_accepted_runs_in_the_background_and_reports()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        var body = string.Join("\n", Groups.Select(g => JsonSerializer.Serialize(g)));
        var accepted = await api.PostAsync($"/api/v1/schools/{school.Slug}/imports/registration-groups?async=true",
            new StringContent(body, Encoding.UTF8, "application/x-ndjson"), Ct);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var location = accepted.Headers.Location!.ToString();
        location.ShouldStartWith($"/api/v1/schools/{school.Slug}/import-jobs/");

        var job = await WaitForJobAsync(api, location);
        job.GetProperty("status").GetString().ShouldBe("succeeded");
        job.GetProperty("total").GetInt32().ShouldBe(2);
        job.GetProperty("processed").GetInt32().ShouldBe(2);
        job.GetProperty("report").GetProperty("created").GetInt32().ShouldBe(2);
        (await CountsAsync(api, school)).GetProperty("registration-groups").GetInt32().ShouldBe(2);

        // Another school's client cannot see the job.
        var (otherSchool, otherApi) = await SchoolAsync();
        using var __ = otherApi;
        (await otherApi.GetAsync(location.Replace(school.Slug, otherSchool.Slug), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_job_interrupted_by_a_restart_is_run_again_from_its_file_and_writes_everything_once()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        // As a crash leaves it: marked running, its body on disk, nothing committed (an import is one transaction).
        var jobId = await app.InSchoolAsync(school.Id, async (_, services) =>
        {
            var db = services.GetRequiredService<SchoolMis.Platform.Imports.ImportJobsDbContext>();
            var job = new SchoolMis.Platform.Imports.ImportJob { Dataset = "registration-groups", NdJson = false, Total = 2, CreatedAt = DateTimeOffset.UtcNow,
                Status = SchoolMis.Platform.Imports.ImportJobStatus.Running, Attempts = 1 };
            await File.WriteAllTextAsync(SchoolMis.Platform.Imports.ImportJob.FileOf(school.Id, job.Id), JsonSerializer.Serialize(Groups, JsonSerializerOptions.Web), Ct);
            db.Jobs.Add(job);
            await db.SaveChangesAsync(Ct);
            return job.Id;
        });
        app.Services.GetRequiredService<SchoolMis.Platform.Imports.ImportJobWorker>().Wake(); // what start-up does

        var finished = await WaitForJobAsync(api, $"/api/v1/schools/{school.Slug}/import-jobs/{jobId}");
        finished.GetProperty("status").GetString().ShouldBe("succeeded");
        (await CountsAsync(api, school)).GetProperty("registration-groups").GetInt32().ShouldBe(2);
        File.Exists(SchoolMis.Platform.Imports.ImportJob.FileOf(school.Id, jobId)).ShouldBeFalse();
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0xFF, 0xD9];

    [Fact]
    public async Task Photos_are_matched_by_admission_number_and_a_zip_with_paths_is_refused_whole()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        await ImportAsync(api, school, "registration-groups", Groups, HttpStatusCode.OK);
        await ImportAsync(api, school, "pupils", new[] { Pupil(1), Pupil(2) }, HttpStatusCode.OK);
        async Task<HttpResponseMessage> Send(byte[] zip) => await api.PostAsync($"/api/v1/schools/{school.Slug}/imports/photos",
            new ByteArrayContent(zip) { Headers = { ContentType = new("application/zip") } }, Ct);

        var evil = await Send(Zip(("4001.jpg", Jpeg), ("../4002.jpg", Jpeg)));
        evil.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await evil.Content.ReadAsStringAsync(Ct)).ShouldContain("has a path");

        var response = await Send(Zip(("4001.jpg", Jpeg), ("9999.jpg", Jpeg), ("4002.jpg", "not a jpeg"u8.ToArray())));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        report.GetProperty("matched").GetInt32().ShouldBe(1);
        report.GetProperty("notMatched")[0].GetString().ShouldBe("9999.jpg");
        report.GetProperty("notJpeg")[0].GetString().ShouldBe("4002.jpg");

        var id = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils?search=4001", Ct)).GetProperty("items")[0].GetProperty("id").GetGuid();
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        (await admin.GetStringAsync($"/schools/{school.Slug}/pupils/{id}", Ct)).ShouldContain($"/schools/{school.Slug}/pupils/{id}/photo");
        (await admin.GetByteArrayAsync($"/schools/{school.Slug}/pupils/{id}/photo", Ct)).ShouldBe(Jpeg);
    }

    [Fact]
    public async Task The_migration_tool_loads_a_folder_in_order_and_a_second_run_changes_nothing()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        var folder = Directory.CreateTempSubdirectory("schoolmis-export-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "registration-groups.json"), JsonSerializer.Serialize(Groups, JsonSerializerOptions.Web), Ct);
            await File.WriteAllLinesAsync(Path.Combine(folder, "pupils.ndjson"), new[] { Pupil(1), Pupil(2) }.Select(p => JsonSerializer.Serialize(p, JsonSerializerOptions.Web)), Ct);
            await File.WriteAllTextAsync(Path.Combine(folder, "attendance-marks.ndjson"),
                "{\"pupilExternalId\":\"P1\",\"date\":\"2023-11-07\",\"session\":\"AM\",\"code\":\"/\"}\n", Ct);
            await File.WriteAllBytesAsync(Path.Combine(folder, "photos.zip"), Zip(("4001.jpg", Jpeg)), Ct);
            await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not data", Ct);
            // A CTF for a pupil the JSON files do not have (e.g. one who joined after the export).
            await File.WriteAllTextAsync(Path.Combine(folder, $"9991001_CTF_{school.LaEstab}_001.xml"), $"""
                <CTfile><Header><DocumentName>Common Transfer File</DocumentName><CTFversion>26.0</CTFversion><DocumentQualifier>full</DocumentQualifier>
                <SourceSchool><LEA>999</LEA><Estab>1001</Estab><SchoolName>Old School</SchoolName></SourceSchool></Header>
                <CTFpupilData><Pupil><UPN>{Upn(77)}</UPN><Surname>TRANSFER</Surname><Forename>Kit</Forename><DOB>2016-02-02</DOB><Sex>M</Sex>
                <BasicDetails><NCyearActual>5</NCyearActual></BasicDetails></Pupil></CTFpupilData></CTfile>
                """, Ct);

            var output = new StringWriter();
            var tool = new SchoolMis.Migrate.MigrationRunner(api, school.Slug, output) { PollInterval = TimeSpan.FromMilliseconds(50) };
            var results = await tool.RunAsync(folder, dryRun: false, Ct);
            results.Select(r => r.Dataset).ShouldBe(["registration-groups", "pupils", "ctf", "attendance-marks", "photos"]);
            results.ShouldAllBe(r => r.Succeeded, output.ToString());
            output.ToString().ShouldContain("skipped notes.txt");
            output.ToString().ShouldContain("CTF 26.0: 1 pupils, 0 rejected");
            output.ToString().ShouldContain("pupils 3");

            var again = new StringWriter();
            await new SchoolMis.Migrate.MigrationRunner(api, school.Slug, again) { PollInterval = TimeSpan.FromMilliseconds(50) }.RunAsync(folder, dryRun: false, Ct);
            again.ToString().ShouldContain("2 rows: 0 created, 0 updated, 2 unchanged, 0 rejected");
            again.ToString().ShouldContain("pupils: 0 created, 0 updated, 1 unchanged");

            // A refused file stops the run and says so.
            await File.WriteAllTextAsync(Path.Combine(folder, "pupils.ndjson"), "{\"externalId\":\"P3\"}\n", Ct);
            var refused = new StringWriter();
            var stopped = await new SchoolMis.Migrate.MigrationRunner(api, school.Slug, refused) { PollInterval = TimeSpan.FromMilliseconds(50) }
                .RunAsync(folder, dryRun: false, Ct);
            stopped.Last().Succeeded.ShouldBeFalse();
            stopped.Last().Dataset.ShouldBe("pupils");
            refused.ToString().ShouldContain("Stopped");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_import_into_a_school_the_client_is_not_granted_is_404()
    {
        var (_, api) = await SchoolAsync();
        using var __ = api;
        var other = await app.ProvisionSchoolAsync();
        (await api.PostAsJsonAsync($"/api/v1/schools/{other.Slug}/imports/registration-groups", Groups, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (readId, readSecret) = await app.RegisterClientAsync([other.Slug], null, "schoolmis.read");
        using var reader = await app.ApiAsync(readId, readSecret, "schoolmis.read");
        (await reader.PostAsJsonAsync($"/api/v1/schools/{other.Slug}/imports/registration-groups", Groups, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CountsAsync(reader, other)).GetProperty("registration-groups").GetInt32().ShouldBe(0);
    }
}

public sealed class ImportTestsOnSqlite(SqliteApp app) : ImportTests<SqliteApp>(app);
public sealed class ImportTestsOnPostgres(PostgresApp app) : ImportTests<PostgresApp>(app);
