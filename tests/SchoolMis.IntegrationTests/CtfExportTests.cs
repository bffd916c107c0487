using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using SchoolMis.Attendance.Contracts;
using SchoolMis.IntegrationTests.TestKit;
using SchoolMis.Meals.Contracts;
using SchoolMis.Pupils.Contracts;
using SchoolMis.Sen.Contracts;

namespace SchoolMis.IntegrationTests;

/// <summary>
/// The CTF export for one pupil (a transfer out): a file our own CTF import reads back without losing anything the
/// CTF carries that SchoolMis stores; its header in the order of NOTES.md 2.3; reachable by the census scope for the
/// school's clients and by the school office from the pupil profile, never by a teacher or another school.
/// </summary>
public abstract class CtfExportTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The current academic year's first Monday: marks must fall in the year the export sends.</summary>
    private static DateOnly FirstMonday()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var start = new DateOnly(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1);
        while (start.DayOfWeek != DayOfWeek.Monday)
            start = start.AddDays(1);
        return start;
    }

    // Two weeks: a full week, then absences, a day with no marks (-) and a late mark.
    private const string Marks = @"/\/\/\/\/\" + @"/\NN--L\/\";

    private static string Ctf(TestSchool school, string upn) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <CTfile>
          <Header>
            <DocumentName>Common Transfer File</DocumentName><CTFversion>25.0</CTFversion><DateTime>2026-03-01T10:30:00</DateTime>
            <DocumentQualifier>full</DocumentQualifier><SupplierID>OLDMIS</SupplierID>
            <SourceSchool><LEA>{{school.LaCode}}</LEA><Estab>{{school.Estab}}</Estab><URN>123456</URN><SchoolName>Old MIS</SchoolName><AcademicYear>2025</AcademicYear></SourceSchool>
          </Header>
          <CTFpupilData>
            <Pupil>
              <UPN>{{upn}}</UPN><UniqueLearnerNumber>9276308686</UniqueLearnerNumber><Surname>SMITH</Surname><Forename>Alex</Forename>
              <DOB>2016-05-01</DOB><Sex>F</Sex>
              <BasicDetails>
                <PreferredSurname>SMYTH</PreferredSurname><PreferredForename>Lexi</PreferredForename><FormerSurname>BROWN</FormerSurname>
                <MiddleNames>Jane Ann</MiddleNames><NCyearActual>5</NCyearActual><Ethnicity>WBRI</Ethnicity>
                <Languages><Type><LanguageType>F</LanguageType><Language>POL</Language></Type></Languages><EnrolStatus>C</EnrolStatus>
              </BasicDetails>
              <FSMhistory>
                <FSMreviewDate>2027-03-31</FSMreviewDate>
                <FSMinstance><FSMstartDate>2022-01-10</FSMstartDate><FSMendDate>2023-07-20</FSMendDate><UKcountry>WLS</UKcountry></FSMinstance>
                <FSMinstance><FSMstartDate>2024-09-04</FSMstartDate><UKcountry>ENG</UKcountry></FSMinstance>
              </FSMhistory>
              <SENhistory>
                <SEN><StartDate>2023-09-05</StartDate><EndDate>2024-07-19</EndDate><SENprovision>N</SENprovision></SEN>
                <SEN><StartDate>2024-09-02</StartDate><SENprovision>K</SENprovision></SEN>
                <SENneeds><SENneed><SENtype>SLCN</SENtype><SENtypeRank>1</SENtypeRank></SENneed><SENneed><SENtype>ASD</SENtype><SENtypeRank>2</SENtypeRank></SENneed></SENneeds>
              </SENhistory>
              <Address><AddressLines><AddressLine1>Flat 2</AddressLine1><AddressLine2>14 High Street</AddressLine2><AddressLine3>Bristol</AddressLine3></AddressLines><PostCode>BS1 4DJ</PostCode></Address>
              <Contacts>
                <Contact>
                  <Order>1</Order><Title>Ms</Title><Surname>SMITH</Surname><Forename>Jo</Forename><Relationship>PAR</Relationship>
                  <Responsibility>true</Responsibility><AddressAsPupil>true</AddressAsPupil>
                  <Phones><Phone><TelephoneType>M</TelephoneType><PhoneNo>07700 900000</PhoneNo></Phone><Phone><TelephoneType>H</TelephoneType><PhoneNo>0117 496 0000</PhoneNo></Phone></Phones>
                  <Email>jo@example.com</Email>
                </Contact>
                <Contact><Order>2</Order><Surname>JONES</Surname><Forename>Sam</Forename><Relationship>OTH</Relationship><Responsibility>false</Responsibility></Contact>
              </Contacts>
              <Attendance>
                <YearData>
                  <Year>{{FirstMonday().Year}}</Year><LEA>{{school.LaCode}}</LEA><Estab>{{school.Estab}}</Estab>
                  <AttendSessions><AttendanceStartDate>{{FirstMonday():yyyy-MM-dd}}</AttendanceStartDate><AttendanceMarks>{{Marks}}</AttendanceMarks></AttendSessions>
                </YearData>
              </Attendance>
              <SchoolHistory>
                <School><LEA>999</LEA><Estab>1001</Estab><URN>100001</URN><SchoolName>Previous Primary</SchoolName><EntryDate>2020-09-03</EntryDate><LeavingDate>2024-07-19</LeavingDate><LeavingReason>Moved house</LeavingReason></School>
                <School><LEA>{{school.LaCode}}</LEA><Estab>{{school.Estab}}</Estab><SchoolName>This School</SchoolName><EntryDate>2024-09-02</EntryDate></School>
              </SchoolHistory>
            </Pupil>
          </CTFpupilData>
        </CTfile>
        """;

    private async Task<HttpClient> ClientAsync(TestSchool school, params string[] scopes)
    {
        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, scopes);
        return await app.ApiAsync(id, secret, string.Join(' ', scopes));
    }

    private async Task<JsonElement> ImportAsync(HttpClient api, TestSchool school, string xml, string query = "")
    {
        using var content = new StringContent(xml, Encoding.UTF8, "application/xml");
        var response = await api.PostAsync($"/api/v1/schools/{school.Slug}/imports/ctf{query}", content, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body + app.ServerErrors);
        var report = JsonDocument.Parse(body).RootElement;
        report.GetProperty("errors").GetArrayLength().ShouldBe(0, body);
        return report;
    }

    private static JsonElement Section(JsonElement report, string name) =>
        report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("dataset").GetString() == name);

    /// <summary>School A with one pupil loaded from a crafted CTF of its own old MIS.</summary>
    private async Task<(TestSchool School, string Upn)> SchoolWithPupilAsync()
    {
        var school = await app.ProvisionSchoolAsync();
        var upn = TestPupils.NewUpn();
        using var api = await ClientAsync(school, "schoolmis.import");
        await ImportAsync(api, school, Ctf(school, upn));
        return (school, upn);
    }

    private async Task<HttpResponseMessage> ExportAsync(TestSchool school, string upn, string query = "")
    {
        using var api = await ClientAsync(school, "schoolmis.census");
        return await api.GetAsync($"/api/v1/schools/{school.Slug}/ctf/{upn}{query}", Ct);
    }

    private Task<(PupilTransferRecord Pupil, IReadOnlyList<SenPeriodInfo> Sen, IReadOnlyList<FsmPeriodInfo> Fsm, IReadOnlyList<PupilMark> Marks)> RecordAsync(
        TestSchool school, string upn) =>
        app.InSchoolAsync(school.Id, async (sender, _) =>
        {
            var pupil = (await sender.Send(new GetPupilTransferRecordQuery(upn), Ct))!;
            var sen = await sender.Send(new GetPupilSenHistoryQuery(pupil.PupilId), Ct);
            var fsm = (await sender.Send(new GetFsmPeriodsQuery(new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1)), Ct)).Where(f => f.PupilId == pupil.PupilId).ToList();
            var marks = await sender.Send(new GetPupilMarksQuery(pupil.PupilId, new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1)), Ct);
            return (pupil, sen, (IReadOnlyList<FsmPeriodInfo>)fsm, marks);
        });

    private static string Json(object value) => JsonSerializer.Serialize(value);

    [Fact]
    public async Task An_exported_ctf_imported_into_another_school_carries_everything_stored()
    {
        var (a, upn) = await SchoolWithPupilAsync();
        var b = await app.ProvisionSchoolAsync();

        var response = await ExportAsync(a, upn, $"?dest={b.LaCode}{b.Estab}");
        var xml = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, xml + app.ServerErrors);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"{a.LaCode}{a.Estab}_CTF_{b.LaCode}{b.Estab}_001.xml");

        JsonElement intoB;
        using (var apiB = await ClientAsync(b, "schoolmis.import"))
            intoB = await ImportAsync(apiB, b, xml);

        var (fromA, senA, fsmA, marksA) = await RecordAsync(a, upn);
        var (fromB, senB, fsmB, marksB) = await RecordAsync(b, upn);

        // Identity, characteristics, address: all the same; B admitted the pupil itself (a transfer in).
        Json(fromB with { PupilId = default, AdmissionDate = default, Contacts = [], PreviousSchools = [] })
            .ShouldBe(Json(fromA with { PupilId = default, AdmissionDate = default, Contacts = [], PreviousSchools = [] }));
        fromA.AddressLines.ShouldBe(["Flat 2", "14 High Street", "Bristol"]);
        fromA.FirstLanguage.ShouldBe("POL");
        Json(fromB.Contacts).ShouldBe(Json(fromA.Contacts));
        fromB.Contacts.Count.ShouldBe(2);
        fromB.Contacts[0].Phones.Count.ShouldBe(2);
        // B's previous schools: A's, then A itself, from the pupil's entry to A.
        Json(fromB.PreviousSchools.Take(fromA.PreviousSchools.Count)).ShouldBe(Json(fromA.PreviousSchools));
        var last = fromB.PreviousSchools[^1];
        (last.LaCode, last.Estab, last.EntryDate).ShouldBe((a.LaCode, a.Estab, (DateOnly?)fromA.AdmissionDate));
        fromB.PreviousSchools.Count.ShouldBe(fromA.PreviousSchools.Count + 1);

        Json(senB).ShouldBe(Json(senA));
        senA.Count.ShouldBe(2);
        senA[^1].Needs.Select(n => n.Type).ShouldBe(["SLCN", "ASD"]);
        Json(fsmB.Select(f => f with { PupilId = default })).ShouldBe(Json(fsmA.Select(f => f with { PupilId = default })));
        fsmA.Count.ShouldBe(2);
        var reviews = await Task.WhenAll(new[] { a, b }.Select(s => app.InSchoolAsync(s.Id, async (sender, _) =>
            await sender.Send(new GetFsmReviewDateQuery((s == a ? fromA : fromB).PupilId), Ct))));
        reviews.ShouldBe([new DateOnly(2027, 3, 31), new DateOnly(2027, 3, 31)]);
        // Attendance: our import keeps only a school's own registers, so B reports A's year as skipped (never silently),
        // and the marks string, read by the import's own reader, gives back exactly A's marks.
        marksA.Count.ShouldBe(18); // 20 sessions less the day with no marks
        marksB.ShouldBeEmpty();
        intoB.GetProperty("skipped").EnumerateArray().Select(e => e.GetProperty("element").GetString()).ShouldContain("Attendance/YearData (another school)");
        var sessions = XDocument.Parse(xml).Descendants("AttendSessions").Single();
        var decoded = SchoolMis.Attendance.Features.Imports.Ctf.CtfAttendanceSection.Sessions(
            DateOnly.Parse(sessions.Element("AttendanceStartDate")!.Value, System.Globalization.CultureInfo.InvariantCulture), sessions.Element("AttendanceMarks")!.Value);
        Json(decoded.Select(d => new PupilMark(d.Date, d.Session, d.Code))).ShouldBe(Json(marksA));

        // Imported back into A (as its own old MIS would send it), the file changes nothing: every section reads it as it is.
        using var apiA = await ClientAsync(a, "schoolmis.import");
        var intoA = await ImportAsync(apiA, a, xml, "?dryRun=true");
        foreach (var section in intoA.GetProperty("sections").EnumerateArray())
        {
            section.GetProperty("created").GetInt32().ShouldBe(0, section.ToString());
            section.GetProperty("updated").GetInt32().ShouldBe(0, section.ToString());
        }
        Section(intoA, "attendance").GetProperty("unchanged").GetInt32().ShouldBe(18);
    }

    [Fact]
    public async Task The_export_is_a_ctf_with_its_header_in_order_and_the_current_version()
    {
        var (a, upn) = await SchoolWithPupilAsync();
        var response = await ExportAsync(a, upn);
        var xml = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, xml + app.ServerErrors);
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"{a.LaCode}{a.Estab}_CTF_MMMMMMM_001.xml");

        var doc = XDocument.Parse(xml);
        doc.Root!.Name.LocalName.ShouldBe("CTfile");
        doc.Root.Elements().Select(e => e.Name.LocalName).ShouldBe(["Header", "CTFpupilData"]);
        var header = doc.Root.Element("Header")!;
        header.Elements().Select(e => e.Name.LocalName)
            .ShouldBe(["DocumentName", "CTFversion", "DateTime", "DocumentQualifier", "SupplierID", "SourceSchool", "DestSchool"]);
        header.Element("DocumentName")!.Value.ShouldBe("Common Transfer File");
        header.Element("CTFversion")!.Value.ShouldBe($"{FirstMonday().Year % 100:00}.0");
        header.Element("DocumentQualifier")!.Value.ShouldBe("full");
        header.Element("SupplierID")!.Value.ShouldBe("SCHOOLMIS");
        header.Element("SourceSchool")!.Elements().Select(e => e.Name.LocalName).ShouldBe(["LEA", "Estab", "URN", "SchoolName", "AcademicYear"]);
        header.Element("SourceSchool")!.Element("Estab")!.Value.ShouldBe(a.Estab);
        header.Element("SourceSchool")!.Element("AcademicYear")!.Value.ShouldBe(FirstMonday().Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        header.Element("DestSchool")!.Elements().Select(e => (e.Name.LocalName, e.Value)).ShouldBe([("LEA", "MMM"), ("Estab", "MMMM")]);

        var pupil = doc.Root.Element("CTFpupilData")!.Elements().Single();
        pupil.Name.LocalName.ShouldBe("Pupil");
        string[] order = ["UPN", "UniqueLearnerNumber", "Surname", "Forename", "DOB", "Sex", "BasicDetails", "FSMhistory", "SENhistory",
            "Address", "Contacts", "Attendance", "SchoolHistory"];
        pupil.Elements().Select(e => e.Name.LocalName).ShouldBe(order);
        pupil.Element("BasicDetails")!.Elements().Select(e => e.Name.LocalName).ShouldBe(
            ["PreferredSurname", "PreferredForename", "FormerSurname", "MiddleNames", "NCyearActual", "Ethnicity", "Languages", "EnrolStatus"]);
        var sessions = pupil.Element("Attendance")!.Element("YearData")!.Element("AttendSessions")!;
        sessions.Element("AttendanceStartDate")!.Value.ShouldBe($"{FirstMonday():yyyy-MM-dd}");
        sessions.Element("AttendanceMarks")!.Value.ShouldBe(Marks);
        var year = pupil.Element("Attendance")!.Element("YearData")!;
        year.Element("SessionsPossible")!.Value.ShouldBe("18");
        year.Element("SessionsAttended")!.Value.ShouldBe("16"); // L is present (late)
        pupil.Element("SchoolHistory")!.Elements("School").Last().Element("Estab")!.Value.ShouldBe(a.Estab);

        (await ExportAsync(a, TestPupils.NewUpn())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ExportAsync(a, upn, "?dest=12")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_the_schools_census_clients_and_its_office_can_export_a_pupil()
    {
        var (a, upn) = await SchoolWithPupilAsync();
        var other = await app.ProvisionSchoolAsync();

        using (var otherSchool = await ClientAsync(other, "schoolmis.census"))
            (await otherSchool.GetAsync($"/api/v1/schools/{a.Slug}/ctf/{upn}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var noCensus = await ClientAsync(a, "schoolmis.read", "schoolmis.import"))
            (await noCensus.GetAsync($"/api/v1/schools/{a.Slug}/ctf/{upn}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var (laId, laSecret) = await app.RegisterClientAsync(null, a.LaCode, "schoolmis.census");
        using (var la = await app.ApiAsync(laId, laSecret, "schoolmis.census"))
            (await la.GetAsync($"/api/v1/schools/{a.Slug}/ctf/{upn}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var pupilId = (await RecordAsync(a, upn)).Pupil.PupilId;
        var link = $"/schools/{a.Slug}/ctf/{upn}";
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [a.Slug]);
        var profile = await admin.GetStringAsync($"/schools/{a.Slug}/pupils/{pupilId}", Ct);
        profile.ShouldContain($"href=\"{link}\"");
        var download = await admin.GetAsync(link, Ct);
        download.StatusCode.ShouldBe(HttpStatusCode.OK, app.ServerErrors.ToString());
        XDocument.Parse(await download.Content.ReadAsStringAsync(Ct)).Root!.Name.LocalName.ShouldBe("CTfile");

        using var teacher = await app.SignInNewUserAsync("Teacher", [a.Slug]);
        var refused = await teacher.GetAsync(link, Ct);
        refused.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldNotContain("<CTfile");
        using var otherAdmin = await app.SignInNewUserAsync("SchoolAdmin", [other.Slug]);
        (await otherAdmin.GetAsync(link, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class CtfExportTestsOnSqlite(SqliteApp app) : CtfExportTests<SqliteApp>(app);
public sealed class CtfExportTestsOnPostgres(PostgresApp app) : CtfExportTests<PostgresApp>(app);
