using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SchoolMis.Attendance.Features.PupilAttendance;
using SchoolMis.IntegrationTests.TestKit;
using SchoolMis.Platform.Identifiers;

namespace SchoolMis.IntegrationTests;

/// <summary>
/// Common Transfer File imports, with files crafted from the structure in NOTES.md section 2.3: pupils (one with a
/// temporary UPN), contacts, addresses, school history and attendance across a half term; everything the product
/// cannot store yet is reported as skipped; bad files write nothing.
/// </summary>
public abstract class CtfImportTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    // Monday 20 October 2025: a week of school, a half-term week (#), then a week with absences and a day with no marks (-).
    private const string Marks = @"/\/\/\/\/\" + "##########" + @"/\NN/\L\--";

    private static readonly string TemporaryUpn = TempUpn("80112342500", 'A');

    /// <summary>The versions imported today (this academic year's and the two before), oldest first.</summary>
    private static readonly IReadOnlyList<string> Versions = SchoolMis.Platform.Imports.Ctf.CtfFile.SupportedVersions(DateOnly.FromDateTime(DateTime.UtcNow));

    private static string TempUpn(string digits, char last)
    {
        var rest = digits + last;
        return Upn.CheckLetter(rest) + rest;
    }

    private async Task<(TestSchool School, HttpClient Api)> SchoolAsync()
    {
        var school = await app.ProvisionSchoolAsync();
        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.import", "schoolmis.read");
        return (school, await app.ApiAsync(id, secret, "schoolmis.import schoolmis.read"));
    }

    private static string Ctf(string version, string sourceLa, string sourceEstab, params string[] pupils) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <CTfile>
          <Header>
            <DocumentName>Common Transfer File</DocumentName>
            <CTFversion>{version}</CTFversion>
            <DateTime>2026-03-01T10:30:00</DateTime>
            <DocumentQualifier>full</DocumentQualifier>
            <SupplierID>OLDMIS</SupplierID>
            <SourceSchool><LEA>{sourceLa}</LEA><Estab>{sourceEstab}</Estab><URN>123456</URN><SchoolName>Old School</SchoolName><AcademicYear>2025</AcademicYear></SourceSchool>
            <DestSchool><LEA>801</LEA><Estab>4001</Estab></DestSchool>
          </Header>
          <CTFpupilData>
            {string.Join("\n", pupils)}
          </CTFpupilData>
        </CTfile>
        """;

    /// <summary>A pupil with a BS7666 address, two contacts, a previous school, this school's entry, attendance and things not stored yet.</summary>
    private static string FullPupil(TestSchool school, string upn, string surname = "SMITH") => $$"""
        <Pupil>
          <UPN>{{upn}}</UPN>
          <UniqueLearnerNumber>9276308686</UniqueLearnerNumber>
          <Surname>{{surname}}</Surname>
          <Forename>Alex</Forename>
          <DOB>2016-05-01</DOB>
          <Sex>F</Sex>
          <BasicDetails>
            <FormerUPN/>
            <PreferredForename>Lexi</PreferredForename>
            <NCyearActual>4</NCyearActual>
            <Ethnicity>WBRI</Ethnicity>
            <Languages><Type><LanguageType>F</LanguageType><Language>ENG</Language></Type></Languages>
            <MedicalFlag>false</MedicalFlag>
            <EnrolStatus>C</EnrolStatus>
          </BasicDetails>
          <FSMhistory>
            <FSMreviewDate>2027-03-31</FSMreviewDate>
            <FSMinstance><FSMstartDate>2022-01-10</FSMstartDate><FSMendDate>2023-07-20</FSMendDate><UKcountry>WLS</UKcountry></FSMinstance>
            <FSMinstance><FSMstartDate>2024-09-04</FSMstartDate><UKcountry>ENG</UKcountry></FSMinstance>
          </FSMhistory>
          <Address>
            <BS7666Address><SAON>Flat 2</SAON><PAON>14</PAON><Street>High Street</Street><Town>Bristol</Town></BS7666Address>
            <PostCode>BS1 4DJ</PostCode>
          </Address>
          <Contacts>
            <Contact>
              <Order>1</Order><Title>Ms</Title><Surname>{{surname}}</Surname><Forename>Jo</Forename><Gender>F</Gender>
              <Relationship>PAR</Relationship><Responsibility>true</Responsibility><AddressAsPupil>true</AddressAsPupil>
              <Phones><Phone><TelephoneType>M</TelephoneType><PhoneNo>07700 900000</PhoneNo></Phone></Phones>
              <Email>jo@example.com</Email>
            </Contact>
            <Contact>
              <Order>2</Order><Surname>JONES</Surname><Forename>Sam</Forename><Relationship>OTH</Relationship><Responsibility>0</Responsibility>
            </Contact>
          </Contacts>
          <Attendance>
            <YearData>
              <Year>2025</Year><LEA>{{school.LaCode}}</LEA><Estab>{{school.Estab}}</Estab><SchoolName>This School</SchoolName>
              <SessionsPossible>18</SessionsPossible>
              <AttendSessions><AttendanceStartDate>2025-10-20</AttendanceStartDate><AttendanceMarks>{{Marks}}</AttendanceMarks></AttendSessions>
            </YearData>
            <YearData>
              <Year>2024</Year><LEA>999</LEA><Estab>1001</Estab><SchoolName>Previous Primary</SchoolName>
              <AttendSessions><AttendanceStartDate>2024-09-02</AttendanceStartDate><AttendanceMarks>/\/\</AttendanceMarks></AttendSessions>
            </YearData>
          </Attendance>
          <StageAssessments><KeyStage><Stage>KS1</Stage><StageAssessment><Subject>MAT</Subject><Result>EXS</Result></StageAssessment></KeyStage></StageAssessments>
          <SchoolHistory>
            <School><LEA>999</LEA><Estab>1001</Estab><SchoolName>Previous Primary</SchoolName><EntryDate>2020-09-03</EntryDate><LeavingDate>2024-07-19</LeavingDate><LeavingReason>Moved house</LeavingReason></School>
            <School><LEA>{{school.LaCode}}</LEA><Estab>{{school.Estab}}</Estab><SchoolName>This School</SchoolName><EntryDate>2024-09-02</EntryDate><LastSchool>true</LastSchool></School>
          </SchoolHistory>
        </Pupil>
        """;

    private static string SmallPupil(string upn, string surname, string ncYear = "4", string dob = "2016-06-01") => $"""
        <Pupil><UPN>{upn}</UPN><Surname>{surname}</Surname><Forename>Chris</Forename><DOB>{dob}</DOB><Gender>M</Gender>
          <BasicDetails><NCyearActual>{ncYear}</NCyearActual></BasicDetails>
          <Address><AddressLines><AddressLine1>3 Mill Lane</AddressLine1><AddressLine2>Bristol</AddressLine2></AddressLines><PostCode>BS2 0AA</PostCode></Address>
        </Pupil>
        """;

    private async Task<(HttpStatusCode Status, JsonElement Report)> PostCtfAsync(HttpClient api, TestSchool school, string xml, string query = "")
    {
        using var content = new StringContent(xml, Encoding.UTF8, "application/xml");
        var response = await api.PostAsync($"/api/v1/schools/{school.Slug}/imports/ctf{query}", content, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (response.StatusCode, body);
    }

    private static JsonElement Section(JsonElement report, string name) =>
        report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("dataset").GetString() == name);

    private async Task<JsonElement> PupilAsync(HttpClient api, TestSchool school, string upn)
    {
        var found = await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils?search={upn}", Ct);
        var id = found.GetProperty("items")[0].GetProperty("id").GetGuid();
        return await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils/{id}", Ct);
    }

    private async Task<JsonElement> CountsAsync(HttpClient api, TestSchool school) =>
        await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/reconciliation", Ct);

    [Fact]
    public async Task A_migration_ctf_loads_pupils_contacts_addresses_history_and_attendance_and_a_second_import_changes_nothing()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        var upn = TestPupils.NewUpn();
        var xml = Ctf("25.0", school.LaCode, school.Estab, FullPupil(school, upn), SmallPupil(TemporaryUpn, "TEMPLE"));

        var (status, report) = await PostCtfAsync(api, school, xml);
        status.ShouldBe(HttpStatusCode.OK, report.ToString() + app.ServerErrors);
        report.GetProperty("ctfVersion").GetString().ShouldBe("25.0");
        report.GetProperty("received").GetInt32().ShouldBe(2);
        Section(report, "pupils").GetProperty("created").GetInt32().ShouldBe(2);
        Section(report, "contacts").GetProperty("created").GetInt32().ShouldBe(2);
        Section(report, "school-history").GetProperty("created").GetInt32().ShouldBe(1); // this school's own entry is the admission
        Section(report, "attendance").GetProperty("created").GetInt32().ShouldBe(28); // 30 sessions less the day with no marks

        // Never silently dropped: what the product cannot hold yet is named, with how many pupils carried it.
        var skipped = report.GetProperty("skipped").EnumerateArray()
            .ToDictionary(s => s.GetProperty("element").GetString()!, s => s.GetProperty("pupils").GetInt32());
        skipped.ShouldContainKeyAndValue("StageAssessments", 1);
        skipped.Keys.ShouldNotContain(k => k.StartsWith("FSMhistory", StringComparison.Ordinal)); // the Meals module keeps FSM periods
        Section(report, "fsm-periods").GetProperty("created").GetInt32().ShouldBe(2);
        skipped.ShouldContainKeyAndValue("Contacts/Contact/Gender", 1);
        skipped.ShouldContainKeyAndValue("Attendance/YearData (another school)", 1);
        skipped.Keys.ShouldNotContain("BasicDetails/MedicalFlag"); // false carries nothing

        var pupil = await PupilAsync(api, school, upn);
        pupil.GetProperty("preferredForename").GetString().ShouldBe("Lexi");
        pupil.GetProperty("ncYear").GetString().ShouldBe("4");
        pupil.GetProperty("admissionDate").GetString().ShouldBe("2024-09-02"); // from this school's entry in the history
        pupil.GetProperty("admissionNumber").GetString().ShouldBe("000001");
        var address = pupil.GetProperty("address");
        address.GetProperty("line1").GetString().ShouldBe("Flat 2");
        address.GetProperty("line2").GetString().ShouldBe("14 High Street");
        address.GetProperty("line3").GetString().ShouldBe("Bristol");
        address.GetProperty("postcode").GetString().ShouldBe("BS1 4DJ");
        var contacts = pupil.GetProperty("contacts").EnumerateArray().ToList();
        contacts.Select(c => c.GetProperty("forename").GetString()).ShouldBe(["Jo", "Sam"]);
        contacts[0].GetProperty("parentalResponsibility").GetBoolean().ShouldBeTrue();
        contacts[0].GetProperty("phones")[0].GetProperty("number").GetString().ShouldBe("07700 900000");
        contacts[1].GetProperty("parentalResponsibility").GetBoolean().ShouldBeFalse();
        var history = pupil.GetProperty("previousSchools").EnumerateArray().Single();
        history.GetProperty("schoolName").GetString().ShouldBe("Previous Primary");
        history.GetProperty("leavingDate").GetString().ShouldBe("2024-07-19");

        var temporary = await PupilAsync(api, school, TemporaryUpn);
        temporary.GetProperty("upn").GetString().ShouldBe(TemporaryUpn);
        temporary.GetProperty("sex").GetString().ShouldBe("M"); // <Gender> in older files
        temporary.GetProperty("address").GetProperty("line1").GetString().ShouldBe("3 Mill Lane");

        // The marks land on their dates across the half term: weekends take no place in the string.
        var attendance = await app.InSchoolAsync(school.Id, async (sender, _) =>
            await sender.Send(new GetPupilAttendanceQuery(pupil.GetProperty("id").GetGuid(), new DateOnly(2025, 10, 1), new DateOnly(2025, 11, 30)), Ct));
        string? Code(int month, int day, string session) =>
            attendance.Marks.SingleOrDefault(m => m.Date == new DateOnly(2025, month, day) && m.Session.ToString() == session)?.Code;
        Code(10, 20, "AM").ShouldBe("/");
        Code(10, 24, "PM").ShouldBe("\\");
        Code(10, 27, "AM").ShouldBe("#");
        Code(11, 3, "AM").ShouldBe("/");
        Code(11, 4, "AM").ShouldBe("N");
        Code(11, 6, "AM").ShouldBe("L");
        Code(11, 7, "AM").ShouldBeNull();
        attendance.Marks.ShouldNotContain(m => m.Date.DayOfWeek == DayOfWeek.Saturday || m.Date.DayOfWeek == DayOfWeek.Sunday);

        var (againStatus, again) = await PostCtfAsync(api, school, xml);
        againStatus.ShouldBe(HttpStatusCode.OK, again.ToString());
        foreach (var section in again.GetProperty("sections").EnumerateArray())
        {
            section.GetProperty("created").GetInt32().ShouldBe(0, section.ToString());
            section.GetProperty("updated").GetInt32().ShouldBe(0, section.ToString());
        }
        var counts = await CountsAsync(api, school);
        counts.GetProperty("pupils").GetInt32().ShouldBe(2);
        counts.GetProperty("contacts").GetInt32().ShouldBe(2);
        counts.GetProperty("attendance-marks").GetInt32().ShouldBe(28);
        counts.GetProperty("school-history").GetInt32().ShouldBe(1);
        counts.GetProperty("fsm-periods").GetInt32().ShouldBe(2);
        var periods = await app.InSchoolAsync(school.Id, async (sender, _) =>
            await sender.Send(new SchoolMis.Meals.Contracts.GetFsmPeriodsQuery(new DateOnly(2020, 1, 1), new DateOnly(2030, 1, 1)), Ct));
        periods.Select(p => (p.StartDate, p.EndDate, p.UkCountry))
            .ShouldBe([(new DateOnly(2022, 1, 10), (DateOnly?)new DateOnly(2023, 7, 20), "WLS"), (new DateOnly(2024, 9, 4), null, "ENG")]);

        // A changed pupil updates the record it made before.
        var (_, changed) = await PostCtfAsync(api, school, Ctf("25.0", school.LaCode, school.Estab, FullPupil(school, upn, surname: "SMYTHE")));
        Section(changed, "pupils").GetProperty("updated").GetInt32().ShouldBe(1);
        (await PupilAsync(api, school, upn)).GetProperty("surname").GetString().ShouldBe("SMYTHE");
        (await CountsAsync(api, school)).GetProperty("pupils").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_transfer_in_admits_new_pupils_on_the_given_date_and_updates_a_known_pupil_without_touching_what_the_school_keeps()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        var known = await app.AddPupilAsync(school, "KNOWN");
        var knownRecord = await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils/{known}", Ct);
        var knownUpn = knownRecord.GetProperty("upn").GetString()!;
        var newUpn = TestPupils.NewUpn();

        var xml = Ctf("26.0", "999", "1001", SmallPupil(knownUpn, "KNOWN", ncYear: "5"), FullPupil(school, newUpn));
        var (status, report) = await PostCtfAsync(api, school, xml, "?admissionDate=2026-11-02");
        status.ShouldBe(HttpStatusCode.OK, report.ToString() + app.ServerErrors);
        Section(report, "pupils").GetProperty("created").GetInt32().ShouldBe(1);
        Section(report, "pupils").GetProperty("updated").GetInt32().ShouldBe(1);

        var arrived = await PupilAsync(api, school, newUpn);
        arrived.GetProperty("admissionDate").GetString().ShouldBe("2026-11-02");
        var updated = await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils/{known}", Ct);
        updated.GetProperty("ncYear").GetString().ShouldBe("5");
        updated.GetProperty("admissionNumber").GetString().ShouldBe(knownRecord.GetProperty("admissionNumber").GetString());
        updated.GetProperty("admissionDate").GetString().ShouldBe(knownRecord.GetProperty("admissionDate").GetString());
        // The file's history names this school as well as an earlier one; from another sender both are previous schools.
        arrived.GetProperty("previousSchools").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_dry_run_checks_every_section_and_writes_nothing()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        var (status, report) = await PostCtfAsync(api, school, Ctf(Versions[0], school.LaCode, school.Estab, FullPupil(school, TestPupils.NewUpn())), "?dryRun=true");
        status.ShouldBe(HttpStatusCode.OK, report.ToString() + app.ServerErrors);
        report.GetProperty("dryRun").GetBoolean().ShouldBeTrue();
        Section(report, "contacts").GetProperty("created").GetInt32().ShouldBe(2); // found the pupil the dry run would create
        Section(report, "attendance").GetProperty("created").GetInt32().ShouldBe(28);
        var counts = await CountsAsync(api, school);
        counts.GetProperty("pupils").GetInt32().ShouldBe(0);
        counts.GetProperty("contacts").GetInt32().ShouldBe(0);
        counts.GetProperty("attendance-marks").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_bad_pupil_or_mark_anywhere_in_the_file_writes_nothing_and_the_report_names_the_pupil_and_element()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        var good = TestPupils.NewUpn();
        var badUpn = TestPupils.NewUpn();
        badUpn = (badUpn[0] == 'A' ? 'B' : 'A') + badUpn[1..];
        var badMark = FullPupil(school, TestPupils.NewUpn(), "MARKS").Replace(Marks, @"/\/\9\", StringComparison.Ordinal);
        var xml = Ctf("25.0", school.LaCode, school.Estab, SmallPupil(good, "GOOD"), SmallPupil(badUpn, "BADUPN"), badMark,
            SmallPupil(TestPupils.NewUpn(), "BADDATE", dob: "01/06/2016"));

        var (status, report) = await PostCtfAsync(api, school, xml);
        status.ShouldBe(HttpStatusCode.UnprocessableEntity, report.ToString() + app.ServerErrors);
        var errors = report.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("section").GetString(), e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        errors.ShouldContain(("pupils", 2, "UPN"));
        errors.ShouldContain(("attendance", 3, "Attendance/YearData/AttendSessions/AttendanceMarks"));
        errors.ShouldContain(("pupils", 4, "DOB"));
        report.GetProperty("rejected").GetInt32().ShouldBe(3);
        var message = report.GetProperty("errors").EnumerateArray().Single(e => e.GetProperty("section").GetString() == "attendance").GetProperty("message").GetString()!;
        message.ShouldContain("'9'");

        var counts = await CountsAsync(api, school);
        counts.GetProperty("pupils").GetInt32().ShouldBe(0);
        counts.GetProperty("contacts").GetInt32().ShouldBe(0);
        counts.GetProperty("attendance-marks").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Files_that_are_not_a_readable_ctf_are_refused_with_the_reason()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        var pupil = SmallPupil(TestPupils.NewUpn(), "ANY");

        async Task<JsonElement> Refused(string xml)
        {
            var (status, report) = await PostCtfAsync(api, school, xml);
            status.ShouldBe(HttpStatusCode.UnprocessableEntity, report.ToString() + app.ServerErrors);
            return report.GetProperty("errors")[0];
        }

        var withEntity = "<?xml version=\"1.0\"?>\n<!DOCTYPE CTfile [ <!ENTITY secret SYSTEM \"file:///etc/passwd\"> ]>\n"
            + Ctf("25.0", school.LaCode, school.Estab, pupil).Split('\n', 2)[1].Replace("<SupplierID>OLDMIS</SupplierID>", "<SupplierID>&secret;</SupplierID>", StringComparison.Ordinal);
        (await Refused(withEntity)).GetProperty("message").GetString()!.ShouldContain("DTD");

        var truncated = Ctf("25.0", school.LaCode, school.Estab, pupil, pupil.Replace("</Pupil>", "", StringComparison.Ordinal));
        (await Refused(truncated)).GetProperty("message").GetString()!.ShouldContain("not well-formed");

        var tooOld = $"{int.Parse(Versions[0][..2], System.Globalization.CultureInfo.InvariantCulture) - 1:00}.0";
        var old = await Refused(Ctf(tooOld, school.LaCode, school.Estab, pupil));
        old.GetProperty("field").GetString().ShouldBe("Header/CTFversion");
        old.GetProperty("message").GetString()!.ShouldContain(string.Join(", ", Versions));

        (await Refused("<CensusReturn/>")).GetProperty("field").GetString().ShouldBe("CTfile");
        (await Refused(Ctf("25.0", school.LaCode, school.Estab))).GetProperty("message").GetString()!.ShouldContain("no pupils");

        using var json = new StringContent("{}", Encoding.UTF8, "application/json");
        (await api.PostAsync($"/api/v1/schools/{school.Slug}/imports/ctf", json, Ct)).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await CountsAsync(api, school)).GetProperty("pupils").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_large_ctf_can_run_as_a_job_whose_report_keeps_its_sections()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        using var content = new StringContent(Ctf("25.0", school.LaCode, school.Estab, FullPupil(school, TestPupils.NewUpn())), Encoding.UTF8, "application/xml");
        var queued = await api.PostAsync($"/api/v1/schools/{school.Slug}/imports/ctf?async=true&admissionDate=2026-09-03", content, Ct);
        queued.StatusCode.ShouldBe(HttpStatusCode.Accepted, await queued.Content.ReadAsStringAsync(Ct));
        var location = queued.Headers.Location!.ToString();
        JsonElement job = default;
        for (var i = 0; i < 100; i++)
        {
            job = await api.GetFromJsonAsync<JsonElement>(location, Ct);
            if (job.GetProperty("status").GetString() is "succeeded" or "failed")
                break;
            await Task.Delay(100, Ct);
        }
        job.GetProperty("status").GetString().ShouldBe("succeeded", job.ToString() + app.ServerErrors);
        job.GetProperty("processed").GetInt32().ShouldBe(job.GetProperty("total").GetInt32());
        var report = job.GetProperty("report");
        Section(report, "attendance").GetProperty("created").GetInt32().ShouldBe(28);
        report.GetProperty("skipped").GetArrayLength().ShouldBeGreaterThan(0);
        (await CountsAsync(api, school)).GetProperty("contacts").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_ctf_into_a_school_the_client_is_not_granted_is_404()
    {
        var (school, api) = await SchoolAsync();
        using var _ = api;
        var other = await app.ProvisionSchoolAsync();
        var (status, _) = await PostCtfAsync(api, other, Ctf("25.0", other.LaCode, other.Estab, SmallPupil(TestPupils.NewUpn(), "ANY")));
        status.ShouldBe(HttpStatusCode.NotFound);
        (await CountsAsync(api, school)).GetProperty("pupils").GetInt32().ShouldBe(0);
    }
}

public sealed class CtfImportTestsOnSqlite(SqliteApp app) : CtfImportTests<SqliteApp>(app);
public sealed class CtfImportTestsOnPostgres(PostgresApp app) : CtfImportTests<PostgresApp>(app);
