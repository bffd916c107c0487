using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using SchoolMis.Attendance.Features.Statistics;
using SchoolMis.Census.Domain;
using SchoolMis.Census.Returns;
using SchoolMis.IntegrationTests.TestKit;
using SchoolMis.Platform.Identifiers;

namespace SchoolMis.IntegrationTests;

/// <summary>
/// The School Census return of a small crafted school, loaded through the migration API, for each term of 2026:
/// compared with reviewed golden files (Golden/census-2026-*.xml), validated against the project's XSD, and its
/// attendance totals checked against the attendance statistics over the same window. The crafted data puts marks
/// and exclusions just either side of every window, and has leavers who do and do not belong in PupilsNoLongerOnRoll.
/// </summary>
public abstract class CensusReturnTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Fixed, valid UPNs (the golden files name them).</summary>
    private static string FixedUpn(int n)
    {
        var rest = $"80112342600{n}";
        return Upn.CheckLetter(rest) + rest;
    }

    private static readonly object[] Pupils =
    [
        // Year 1: FSM since September 2025; school lunch on the spring census day, a packed lunch on the summer one; a young
        // carer (identified by the school: in the spring return only), not a service child.
        new { externalId = "p1", upn = FixedUpn(1), surname = "Adams", forename = "Amy", middleNames = "Jane", dateOfBirth = "2019-10-10", sex = "F",
              admissionNumber = "001", admissionDate = "2023-09-05", enrolmentStatus = "C", ncYear = "1", ethnicity = "WBRI", firstLanguage = "ENG",
              serviceChild = "N", youngCarer = "S",
              address = new { line1 = "12 Elm Road", line2 = "Bristol", postcode = "BS1 4DJ" } },
        // Year 5 with SEN support in the SEN unit and three exclusions, one in each of three windows; a service child who
        // boards six nights a week.
        new { externalId = "p2", upn = FixedUpn(2), surname = "Brown", forename = "Ben", preferredSurname = "Browne", dateOfBirth = "2015-11-20", sex = "M",
              admissionNumber = "002", admissionDate = "2021-09-01", enrolmentStatus = "C", ncYear = "5", ethnicity = "MWBC", firstLanguage = "POL",
              serviceChild = "Y", boarder = "6",
              address = new { line1 = "Flat 3", line2 = "4 High Street", line3 = "Bristol", postcode = "BS2 8AA" } },
        // Year 6, part time, left in July 2026: a leaver the autumn return must carry (summer attendance).
        new { externalId = "p3", upn = FixedUpn(3), surname = "Clarke", forename = "Cara", dateOfBirth = "2014-12-01", sex = "F",
              admissionNumber = "003", admissionDate = "2019-09-03", leavingDate = "2026-07-22", leavingReason = "Secondary transfer",
              partTime = true, serviceChild = "R",
              enrolmentStatus = "C", ncYear = "6", ethnicity = "BAFR", firstLanguage = "ENG", address = new { line1 = "9 Park Lane", postcode = "BS3 1AB" } },
        // Reception from September 2025.
        new { externalId = "p4", upn = FixedUpn(4), surname = "Davies", forename = "Dan", dateOfBirth = "2021-03-15", sex = "M",
              admissionNumber = "004", admissionDate = "2025-09-03", enrolmentStatus = "C", ncYear = "R", ethnicity = "WBRI", firstLanguage = "ENG" },
        // Left in October 2025: in the spring return (autumn attendance) and the summer one (an autumn exclusion), not the autumn one.
        new { externalId = "p5", upn = FixedUpn(5), surname = "Evans", forename = "Eve", dateOfBirth = "2016-04-02", sex = "F",
              admissionNumber = "005", admissionDate = "2022-09-01", leavingDate = "2025-10-20", leavingReason = "Moved away",
              enrolmentStatus = "C", ncYear = "4", ethnicity = "AIND", firstLanguage = "GUJ" },
        // Joined in February 2026: not in the spring return at all.
        new { externalId = "p6", upn = FixedUpn(6), surname = "Foster", forename = "Finn", dateOfBirth = "2017-06-30", sex = "M",
              admissionNumber = "006", admissionDate = "2026-02-02", enrolmentStatus = "C", ncYear = "3", ethnicity = "WOTH", firstLanguage = "ENG" },
        // Left in December 2024, long before any window: in no return.
        new { externalId = "p7", upn = FixedUpn(7), surname = "Green", forename = "Gus", dateOfBirth = "2016-01-05", sex = "M",
              admissionNumber = "007", admissionDate = "2020-09-01", leavingDate = "2024-12-20", enrolmentStatus = "C", ncYear = "3",
              ethnicity = "WBRI", firstLanguage = "ENG" },
    ];

    private static IEnumerable<object> Marks(string pupil, string date, string am, string pm) =>
        [new { pupilExternalId = pupil, date, session = "AM", code = am }, new { pupilExternalId = pupil, date, session = "PM", code = pm }];

    private static readonly object[] AttendanceMarks =
    [
        // Summer 2025, second half (before the spring return's window; the autumn 2025 return's business).
        .. Marks("p2", "2025-07-21", "I", "I"),
        // Autumn 2025: the spring return's window (1 August to 31 December).
        .. Marks("p1", "2025-09-08", "/", "\\"), .. Marks("p1", "2025-12-19", "I", "I"),
        .. Marks("p2", "2025-09-08", "/", "\\"), .. Marks("p2", "2025-12-19", "N", "O"),
        .. Marks("p3", "2025-09-08", "L", "\\"), .. Marks("p3", "2025-12-19", "M", "\\"),
        .. Marks("p4", "2025-09-08", "/", "X"), .. Marks("p4", "2025-12-19", "Y1", "Y1"),
        .. Marks("p5", "2025-09-08", "/", "\\"), .. Marks("p5", "2025-10-17", "G", "G"),
        // Spring 2026: the summer return's window (1 January to Easter Sunday, 5 April).
        .. Marks("p1", "2026-01-05", "/", "\\"), .. Marks("p1", "2026-03-31", "C", "C"),
        .. Marks("p2", "2026-01-05", "B", "\\"), .. Marks("p2", "2026-03-31", "/", "U"),
        .. Marks("p3", "2026-01-05", "/", "\\"),
        .. Marks("p4", "2026-01-05", "I", "/"),
        .. Marks("p6", "2026-02-02", "/", "\\"), .. Marks("p6", "2026-03-31", "N", "N"),
        // Summer 2026, first half: the autumn return's window (Easter Monday to the Sunday before the spring bank holiday).
        .. Marks("p1", "2026-04-07", "/", "\\"), .. Marks("p1", "2026-05-22", "M", "\\"),
        .. Marks("p3", "2026-04-07", "/", "I"), .. Marks("p3", "2026-05-22", "/", "\\"),
        .. Marks("p6", "2026-05-22", "E", "E"),
        // Summer 2026, second half: the autumn return's SummerHalfTerm2Attendance.
        .. Marks("p1", "2026-06-01", "/", "\\"),
        .. Marks("p3", "2026-06-01", "I", "I"), .. Marks("p3", "2026-07-17", "/", "\\"),
        // Autumn 2026: after every 2026 window.
        .. Marks("p1", "2026-09-07", "N", "N"),
    ];

    private static readonly object[] Exclusions =
    [
        // Summer 2025 (spring 2026 return), autumn 2025 (summer return), spring 2026 (autumn return).
        new { externalId = "x1", pupilExternalId = "p2", category = "SUSP", startDate = "2025-06-10", reasons = new[] { "DB" }, sessions = 2 },
        new { externalId = "x2", pupilExternalId = "p2", category = "LNCH", startDate = "2025-11-12", reasons = new[] { "VA", "DM" }, sessions = 1 },
        new { externalId = "x3", pupilExternalId = "p2", category = "SUSP", startDate = "2026-02-10", reasons = new[] { "PA" }, sessions = 4 },
        new { externalId = "x4", pupilExternalId = "p5", category = "SUSP", startDate = "2025-10-01", reasons = new[] { "BU" }, sessions = 2 },
        // Easter Monday 2026: just outside the autumn return's exclusion window (it ends on Easter Sunday).
        new { externalId = "x5", pupilExternalId = "p6", category = "SUSP", startDate = "2026-04-06", reasons = new[] { "VP" }, sessions = 2 },
    ];

    private static readonly object[] Sen =
    [
        new { pupilExternalId = "p2", provision = "K", startDate = "2025-09-01", needs = new[] { new { type = "SLCN", rank = 1 }, new { type = "ASD", rank = 2 } },
              senUnit = true },
        // Reception: SEN support in resourced provision from the spring term 2026 (every return here; not before).
        new { pupilExternalId = "p4", provision = "K", startDate = "2026-01-05", needs = new[] { new { type = "PD", rank = 1 } }, resourcedProvision = true },
    ];

    private static readonly object[] Fsm =
    [
        new { pupilExternalId = "p1", startDate = "2025-09-01", ukCountry = "ENG" },
        new { pupilExternalId = "p2", startDate = "2024-01-08", endDate = "2025-07-18", ukCountry = "ENG" },
        new { pupilExternalId = "p2", startDate = "2026-03-02", ukCountry = "ENG" },
    ];

    private static readonly object[] MealTypes =
    [
        new { code = "HOT", name = "Hot dinner", schoolLunch = true, active = true },
        new { code = "PACK", name = "Packed lunch from home", schoolLunch = false, active = true },
    ];

    private static readonly object[] Meals =
    [
        new { pupilExternalId = "p1", date = "2026-01-15", mealType = "HOT" },
        new { pupilExternalId = "p4", date = "2026-01-15", mealType = "HOT" },
        new { pupilExternalId = "p2", date = "2026-01-15", mealType = "HOT" },
        new { pupilExternalId = "p1", date = "2026-05-21", mealType = "PACK" },
        new { pupilExternalId = "p4", date = "2026-05-21", mealType = "HOT" },
        new { pupilExternalId = "p1", date = "2026-10-01", mealType = "HOT" },
    ];

    private async Task<(TestSchool School, HttpClient Census)> CraftedSchoolAsync()
    {
        var school = await app.ProvisionSchoolAsync();
        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.import", "schoolmis.census", "schoolmis.read");
        var api = await app.ApiAsync(id, secret, "schoolmis.import schoolmis.census schoolmis.read");
        foreach (var (dataset, rows) in new[] { ("pupils", Pupils), ("attendance-marks", AttendanceMarks), ("exclusions", Exclusions),
                     ("sen", Sen), ("fsm-periods", Fsm), ("meal-types", MealTypes), ("meals", Meals) })
        {
            var response = await api.PostAsJsonAsync($"/api/v1/schools/{school.Slug}/imports/{dataset}", rows, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{dataset}: {await response.Content.ReadAsStringAsync(Ct)}{app.ServerErrors}");
        }
        return (school, api);
    }

    private async Task<(XDocument Xml, string FileName)> ReturnAsync(HttpClient api, TestSchool school, int year, string term)
    {
        var response = await api.GetAsync($"/api/v1/schools/{school.Slug}/census/{year}/{term}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body + app.ServerErrors);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
        ValidateAgainstSchema(body).ShouldBeEmpty();
        return (XDocument.Parse(body), response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
    }

    internal static List<string> ValidateAgainstSchema(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = CensusWriter.Schema() };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }
        return errors;
    }

    [Theory]
    [InlineData(2026, "SPR")]
    [InlineData(2026, "SUM")]
    [InlineData(2026, "AUT")]
    public async Task A_crafted_school_s_return_matches_its_reviewed_golden_file(int year, string term)
    {
        var (school, api) = await CraftedSchoolAsync();
        using var _ = api;
        var (xml, fileName) = await ReturnAsync(api, school, year, term);

        var n = term switch { "SPR" => 1, "SUM" => 2, _ => 3 };
        fileName.ShouldBe($"{school.LaEstab}_SC{n}_{school.LaCode}LL26_001.XML");

        var actual = Normalise(xml, school);
        var path = Path.Combine(GoldenFolder(), $"census-{year}-{term}.xml");
        if (Environment.GetEnvironmentVariable("SCHOOLMIS_WRITE_GOLDEN") == "1")
            await File.WriteAllTextAsync(path, actual, Ct);
        File.Exists(path).ShouldBeTrue($"golden file {path} is missing (SCHOOLMIS_WRITE_GOLDEN=1 writes it; review it before committing)");
        actual.ShouldBe(await File.ReadAllTextAsync(path, Ct));
    }

    /// <summary>The school's own numbers, the moment and the release differ per run; everything else is the golden data.</summary>
    private static string Normalise(XDocument xml, TestSchool school)
    {
        var copy = new XDocument(xml);
        var source = copy.Root!.Element("Header")!.Element("Source")!;
        source.Element("Estab")!.Value.ShouldBe(school.Estab);
        source.Element("LEA")!.Value.ShouldBe(school.LaCode);
        source.Element("Estab")!.Value = "ESTAB";
        source.Element("URN")!.Value = "URN";
        source.Element("Release")!.Value = "RELEASE";
        source.Element("DateTime")!.Value = "2026-01-01T00:00:00";
        copy.Root.Element("School")!.Element("SchoolCharacteristics")!.Element("SchoolName")!.Value = "SCHOOL NAME";
        return copy.ToString().ReplaceLineEndings("\n") + "\n";
    }

    private static string GoldenFolder()
    {
        // The source folder, so a rewrite lands in the repository (tests run from bin/...).
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SchoolMis.IntegrationTests.csproj")))
            dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "Golden");
    }

    [Theory]
    [InlineData(2026, "SPR")]
    [InlineData(2026, "SUM")]
    [InlineData(2026, "AUT")]
    public async Task The_return_s_attendance_totals_agree_with_the_attendance_statistics_for_its_windows(int year, string term)
    {
        var (school, api) = await CraftedSchoolAsync();
        using var _ = api;
        var (xml, _) = await ReturnAsync(api, school, year, term);
        CensusCollection.TryParse(year, term, out var collection).ShouldBeTrue();

        var pupils = await app.InSchoolAsync(school.Id, async (sender, _) =>
            await sender.Send(new SchoolMis.Pupils.Contracts.GetCensusPupilsQuery(collection.CensusDay, DateOnly.MinValue)));
        var ids = pupils.ToDictionary(p => p.Upn, p => p.PupilId);

        async Task CheckAsync(string element, DateRange window)
        {
            var stats = await app.InSchoolAsync(school.Id, async (sender, _) =>
                await sender.Send(new GetAttendanceStatisticsQuery(window.From, window.To)));
            var returned = xml.Descendants(element).ToList();
            returned.ShouldNotBeEmpty($"{element} of {collection}");
            foreach (var block in returned)
            {
                var upn = block.Ancestors().First(a => a.Name.LocalName.StartsWith("Pupil", StringComparison.Ordinal) && a.Element("PupilIdentifiers") is not null)
                    .Element("PupilIdentifiers")!.Element("UPN")!.Value;
                var figures = stats.Pupils.Single(p => p.PupilId == ids[upn]).Figures;
                int Value(string name) => int.Parse(block.Element(name)!.Value, CultureInfo.InvariantCulture);
                Value("SessionsPossible").ShouldBe(figures.Possible, $"{element} possible for {upn}");
                Value("SessionsAuthorised").ShouldBe(figures.Authorised, $"{element} authorised for {upn}");
                Value("SessionsUnauthorised").ShouldBe(figures.Unauthorised, $"{element} unauthorised for {upn}");
                if (element == "TermlyAttendance")
                {
                    Value("SessionsEducational").ShouldBe(figures.ApprovedActivity, $"{element} educational for {upn}");
                    // Exceptional: the unavoidable-cause codes (Y1 to Y7, Q), which count as not possible.
                    Value("SessionsExceptional").ShouldBe(block.Descendants("SessionDetail")
                        .Where(d => d.Element("AttendanceReason")!.Value is "Q" || d.Element("AttendanceReason")!.Value.StartsWith('Y'))
                        .Sum(d => int.Parse(d.Element("Sessions")!.Value, CultureInfo.InvariantCulture)), $"{element} exceptional for {upn}");
                }
                else
                {
                    block.Element("SessionsEducational").ShouldBeNull();
                }
                // Every absence is itemised by its reason.
                block.Descendants("SessionDetail").Where(d => !IsApprovedOrNotCounted(d.Element("AttendanceReason")!.Value))
                    .Sum(d => int.Parse(d.Element("Sessions")!.Value, CultureInfo.InvariantCulture))
                    .ShouldBe(figures.Authorised + figures.Unauthorised, $"{element} details for {upn}");
            }
            // And the school's totals: every pupil with possible sessions in the window is in the return.
            returned.Sum(b => int.Parse(b.Element("SessionsPossible")!.Value, CultureInfo.InvariantCulture)).ShouldBe(stats.Total.Possible);
        }

        await CheckAsync("TermlyAttendance", collection.AttendanceWindow);
        if (collection.SummerHalfTerm2Window is { } summer2)
            await CheckAsync("SummerHalfTerm2Attendance", summer2);
    }

    private static bool IsApprovedOrNotCounted(string code) => code is "B" or "K" or "P" or "V" or "W" or "D" or "X" or "Q" or "Z" or "#" || code.StartsWith('Y');

    [Fact]
    public async Task Each_new_file_for_a_collection_takes_the_next_serial_number()
    {
        var (school, api) = await CraftedSchoolAsync();
        using var _ = api;
        var (first, firstName) = await ReturnAsync(api, school, 2026, "SPR");
        var (second, secondName) = await ReturnAsync(api, school, 2026, "SPR");
        firstName.ShouldEndWith("_001.XML");
        secondName.ShouldEndWith("_002.XML");
        second.Root!.Element("Header")!.Element("Source")!.Element("SerialNo")!.Value.ShouldBe("002");
        // Another collection counts from 1 again.
        (await ReturnAsync(api, school, 2026, "SUM")).FileName.ShouldEndWith("_001.XML");
    }

    [Fact]
    public async Task An_unknown_term_or_year_is_a_clear_400_and_a_census_scope_is_needed()
    {
        var (school, api) = await CraftedSchoolAsync();
        using var _ = api;
        var bad = await api.GetAsync($"/api/v1/schools/{school.Slug}/census/2026/WIN", Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(Ct)).ShouldContain("AUT, SPR or SUM");

        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.read");
        using var reader = await app.ApiAsync(id, secret, "schoolmis.read");
        (await reader.GetAsync($"/api/v1/schools/{school.Slug}/census/2026/SPR", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Another school's census client learns nothing about this school.
        var other = await app.ProvisionSchoolAsync();
        var (otherId, otherSecret) = await app.RegisterClientAsync([other.Slug], null, "schoolmis.census");
        using var stranger = await app.ApiAsync(otherId, otherSecret, "schoolmis.census");
        (await stranger.GetAsync($"/api/v1/schools/{school.Slug}/census/2026/SPR", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class CensusReturnTestsOnSqlite(SqliteApp app) : CensusReturnTests<SqliteApp>(app);
public sealed class CensusReturnTestsOnPostgres(PostgresApp app) : CensusReturnTests<PostgresApp>(app);
