using SchoolMis.Attendance.Features.Imports.Ctf;
using SchoolMis.Platform.Imports.Ctf;

namespace SchoolMis.UnitTests;

public sealed class CtfTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ctf-unit-{Guid.NewGuid():N}.xml");

    public void Dispose() => File.Delete(_file);

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Header = """
        <Header><DocumentName>Common Transfer File</DocumentName><CTFversion>25.0</CTFversion><DocumentQualifier>partial</DocumentQualifier>
        <SupplierID>X</SupplierID><SourceSchool><LEA>801</LEA><Estab>2001</Estab><URN>123456</URN><SchoolName>Source</SchoolName><AcademicYear>2025</AcademicYear></SourceSchool>
        <DestSchool><LEA>MMM</LEA><Estab>MMMM</Estab></DestSchool></Header>
        """;

    [Fact]
    public void Exported_marks_fill_unmarked_sessions_skip_weekends_shorten_two_character_codes_and_read_back_the_same()
    {
        // Friday 24 October 2025, then Monday 27 (no PM mark) and Tuesday 28 with a 2024 two-character code.
        SchoolMis.Attendance.Contracts.PupilMark[] marks =
        [
            new(new DateOnly(2025, 10, 24), "AM", "/"), new(new DateOnly(2025, 10, 24), "PM", "\\"),
            new(new DateOnly(2025, 10, 27), "AM", "N"), new(new DateOnly(2025, 10, 28), "PM", "C1"),
        ];
        var (start, text, shortened) = SchoolMis.Web.Features.CtfExport.CtfWriter.Marks(marks);
        start.ShouldBe(new DateOnly(2025, 10, 24));
        text.ShouldBe(@"/\N--C");
        shortened.ShouldBeTrue();
        CtfAttendanceSection.Sessions(start, text).Select(m => (m.Date, m.Session, m.Code))
            .ShouldBe(marks.Select(m => (m.Date, m.Session, m.Code[..1])));
        SchoolMis.Web.Features.CtfExport.CtfWriter.Marks(marks[..3]).Shortened.ShouldBeFalse();
    }

    [Fact]
    public void Marks_take_two_characters_a_weekday_and_skip_weekends_and_unmarked_sessions()
    {
        // Thursday 23 October 2025: Thu, Fri, then Monday.
        var sessions = CtfAttendanceSection.Sessions(new DateOnly(2025, 10, 23), @"/\N-/\ L").ToList();
        sessions.ShouldBe([
            (new DateOnly(2025, 10, 23), "AM", "/"), (new DateOnly(2025, 10, 23), "PM", "\\"), (new DateOnly(2025, 10, 24), "AM", "N"),
            (new DateOnly(2025, 10, 27), "AM", "/"), (new DateOnly(2025, 10, 27), "PM", "\\"), (new DateOnly(2025, 10, 28), "PM", "L"),
        ]);
        // A start on a Saturday begins on the Monday.
        CtfAttendanceSection.Sessions(new DateOnly(2025, 10, 25), "/").Single().Date.ShouldBe(new DateOnly(2025, 10, 27));
    }

    [Theory]
    [InlineData("J", "2024-08-19", "J1")] // a string's J after the 2024 regulations can only be the interview code J1
    [InlineData("J", "2024-08-16", "J")]
    [InlineData("Y", "2025-01-06", "Y")]  // Y1 to Y7: ambiguous, left for the import to refuse with its message
    [InlineData("/", "2025-01-06", "/")]
    public void A_single_character_mark_is_read_as_the_code_of_its_day(string mark, string date, string code) =>
        CtfAttendanceSection.CodeOn(mark, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(code);

    [Fact]
    public async Task Pupils_stream_one_at_a_time_after_the_header()
    {
        await File.WriteAllTextAsync(_file, $"<CTfile>{Header}<CTFpupilData><Pupil><UPN>a1</UPN></Pupil><Other/><Pupil><UPN>B2</UPN></Pupil></CTFpupilData></CTfile>", Ct);
        var header = await CtfFile.ReadHeaderAsync(_file, new DateOnly(2026, 12, 4), Ct);
        header.Version.ShouldBe("25.0");
        header.Qualifier.ShouldBe("partial");
        header.Source.LaEstab.ShouldBe("8012001");
        header.Source.AcademicYear.ShouldBe(2025);
        header.Destination!.La.ShouldBe("MMM");
        var pupils = await CtfFile.PupilsAsync(_file, Ct).ToListAsync(Ct);
        pupils.Select(p => (p.Number, p.Upn)).ShouldBe([(1, "A1"), (2, "B2")]);
    }

    [Theory]
    [InlineData("<!DOCTYPE CTfile [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><CTfile/>", "", "DTD")]
    [InlineData("<!DOCTYPE CTfile [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><CTfile/>", "", "DTD")]
    [InlineData("<CTfile><Header><DocumentName>Common Transfer File</DocumentName><CTFversion>23.0</CTFversion></Header></CTfile>", "Header/CTFversion", "23.0")]
    [InlineData("<CTfile><Header><DocumentName>Census</DocumentName></Header></CTfile>", "Header/DocumentName", "Census")]
    [InlineData("<CTfile><Header><DocumentName>Common Transfer File</DocumentName><CTFversion>25.0</CTFversion></Header></CTfile>", "Header/SourceSchool", "SourceSchool")]
    [InlineData("<School/>", "CTfile", "<School>")]
    [InlineData("not xml", "", "not well-formed")]
    public async Task Unreadable_files_are_refused_with_the_element_and_reason(string xml, string field, string reason)
    {
        await File.WriteAllTextAsync(_file, xml, Ct);
        var refused = await Should.ThrowAsync<CtfFormatException>(() => CtfFile.ReadHeaderAsync(_file, new DateOnly(2026, 12, 4), Ct));
        refused.Field.ShouldBe(field);
        refused.Message.ShouldContain(reason);
    }

    [Theory]
    [InlineData("2026-12-04", "24.0,25.0,26.0")]
    [InlineData("2027-08-31", "24.0,25.0,26.0")]
    [InlineData("2027-09-01", "25.0,26.0,27.0")] // a new version each September
    [InlineData("2030-01-15", "27.0,28.0,29.0")]
    public void The_versions_imported_are_this_academic_years_and_the_two_before(string today, string versions) =>
        string.Join(",", CtfFile.SupportedVersions(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture))).ShouldBe(versions);

    [Fact]
    public async Task A_file_broken_after_its_last_pupil_is_refused_too()
    {
        await File.WriteAllTextAsync(_file, $"<CTfile>{Header}<CTFpupilData><Pupil><UPN>A1</UPN></Pupil></CTFpupilData>", Ct);
        await Should.ThrowAsync<CtfFormatException>(async () => await CtfFile.PupilsAsync(_file, Ct).ToListAsync(Ct));
    }
}
