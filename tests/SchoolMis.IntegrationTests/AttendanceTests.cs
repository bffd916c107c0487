using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SchoolMis.Attendance.Features.PupilAttendance;
using SchoolMis.Attendance.Features.Statistics;
using SchoolMis.IntegrationTests.TestKit;

namespace SchoolMis.IntegrationTests;

/// <summary>Registers as legal records: amendments keep originals, saves never overwrite silently, codes are date-effective.</summary>
public abstract class AttendanceTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> ClientAsync(RegisterSchool s)
    {
        var (id, secret) = await app.RegisterClientAsync([s.School.Slug], null, "schoolmis.read", "schoolmis.import");
        return await app.ApiAsync(id, secret, "schoolmis.read schoolmis.import");
    }

    private static object Marks(IEnumerable<Guid> pupils, string code, string? reason = null) =>
        new { marks = pupils.Select(p => new { pupilId = p, code }).ToArray(), reason };

    [Fact]
    public async Task An_amendment_keeps_the_original_entry_and_needs_a_reason()
    {
        var s = await app.RegisterSchoolAsync();
        using var api = await ClientAsync(s);
        var url = s.RegisterUrl(TestAttendance.SchoolDay);
        (await api.PutAsJsonAsync(url, Marks(s.Pupils, "/"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, app.ServerErrors.ToString());

        var noReason = await api.PutAsJsonAsync(url, Marks([s.Pupils[0]], "I"), Ct);
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await noReason.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("errors").GetProperty("reason")[0].GetString()!.ShouldContain("Give a reason");

        var amended = await api.PutAsJsonAsync(url, Marks([s.Pupils[0]], "I", "Parent phoned: ill since 8am"), Ct);
        amended.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await amended.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("amended").GetInt32().ShouldBe(1);

        var register = await api.GetFromJsonAsync<JsonElement>(url, Ct);
        var row = register.GetProperty("marks").EnumerateArray().Single(m => m.GetProperty("pupilId").GetGuid() == s.Pupils[0]);
        row.GetProperty("code").GetString().ShouldBe("I");
        row.GetProperty("amended").GetBoolean().ShouldBeTrue();

        var history = await app.InSchoolAsync(s.School.Id, async (sender, _) =>
            await sender.Send(new GetPupilAttendanceQuery(s.Pupils[0], TestAttendance.SchoolDay, TestAttendance.SchoolDay), Ct));
        var entry = history.Amendments.ShouldHaveSingleItem();
        entry.PreviousCode.ShouldBe("/");
        entry.NewCode.ShouldBe("I");
        entry.Reason.ShouldBe("Parent phoned: ill since 8am");
        entry.AmendedBy.ShouldStartWith("API client ");
        entry.PreviousRecordedBy.ShouldStartWith("API client ");
    }

    [Fact]
    public async Task Two_people_saving_the_same_register_merge_or_get_a_clear_conflict_never_a_silent_overwrite()
    {
        var s = await app.RegisterSchoolAsync(pupils: 6);
        using var admin1 = await app.SignInNewUserAsync("SchoolAdmin", [s.School.Slug]);
        using var admin2 = await app.SignInNewUserAsync("SchoolAdmin", [s.School.Slug]);
        var page = $"/schools/{s.School.Slug}/attendance/registers/{s.GroupId}/{TestAttendance.SchoolDay:yyyy-MM-dd}/AM";

        // Both open the empty register. The first marks pupils 0-2; the second, unaware, marks 2-4.
        var form1 = await admin1.GetStringAsync(page, Ct);
        var form2 = await admin2.GetStringAsync(page, Ct);
        var first = await PostRegisterAsync(admin1, page, form1, s.Pupils, i => i <= 2 ? "/" : null);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, app.ServerErrors.ToString());

        var second = await PostRegisterAsync(admin2, page, form2, s.Pupils, i => i is >= 2 and <= 4 ? (i == 2 ? "N" : "/") : null);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await second.Content.ReadAsStringAsync(Ct)).ShouldContain("Someone else changed the marks of RegisterC, Pupil");

        using var api = await ClientAsync(s);
        var codes = await CodesAsync(api, s);
        codes.ShouldBe(["/", "/", "/", null, null, null]); // nothing of the conflicting save was written

        // Reloaded, the second person's marks for other pupils merge cleanly.
        var reloaded = await admin2.GetStringAsync(page, Ct);
        (await PostRegisterAsync(admin2, page, reloaded, s.Pupils, i => i is 3 or 4 ? "/" : null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CodesAsync(api, s)).ShouldBe(["/", "/", "/", "/", "/", null]);
    }

    [Fact]
    public async Task Concurrent_api_saves_of_one_register_lose_nothing_and_stale_writers_are_told()
    {
        var s = await app.RegisterSchoolAsync(pupils: 6);
        using var api = await ClientAsync(s);
        var url = s.RegisterUrl(TestAttendance.SchoolDay, "PM");
        var read = await api.GetAsync(url, Ct);
        var etag = read.Headers.ETag!.Tag;

        var saves = await Task.WhenAll(
            api.PutAsJsonAsync(url, Marks(s.Pupils.Take(3), "\\"), Ct),
            api.PutAsJsonAsync(url, Marks(s.Pupils.Skip(3), "\\"), Ct));
        saves.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        (await CodesAsync(api, s, "PM")).ShouldAllBe(c => c == "\\");

        using var stale = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(Marks([s.Pupils[0]], "M", "Dentist")) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        (await api.SendAsync(stale, Ct)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Codes_not_valid_on_the_date_are_refused_with_a_clear_message()
    {
        var s = await app.RegisterSchoolAsync(pupils: 2);
        using var api = await ClientAsync(s);

        var withdrawn = await api.PutAsJsonAsync(s.RegisterUrl(TestAttendance.SchoolDay), Marks([s.Pupils[0]], "H"), Ct);
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await withdrawn.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        errors.GetProperty("marks[0].code")[0].GetString()!.ShouldContain("'H' was withdrawn on 19 August 2024");

        var tooNew = await api.PutAsJsonAsync(s.RegisterUrl(TestAttendance.OldSchoolDay), Marks([s.Pupils[0]], "C1"), Ct);
        tooNew.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooNew.Content.ReadAsStringAsync(Ct)).ShouldContain("only exists from 19 August 2024");

        // Historical marks keep the codes of their day.
        var legacy = await api.PutAsJsonAsync(s.RegisterUrl(TestAttendance.OldSchoolDay), Marks([s.Pupils[0]], "H"), Ct);
        legacy.StatusCode.ShouldBe(HttpStatusCode.OK, await legacy.Content.ReadAsStringAsync(Ct));

        var unknown = await api.PutAsJsonAsync(s.RegisterUrl(TestAttendance.SchoolDay), Marks([s.Pupils[1]], "ZZ"), Ct);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CodesAsync(api, s)).ShouldBe([null, null]);
    }

    [Fact]
    public async Task Registers_exist_only_on_school_days()
    {
        var s = await app.RegisterSchoolAsync(pupils: 1);
        using var api = await ClientAsync(s);
        var response = await api.PutAsJsonAsync(s.RegisterUrl(TestAttendance.HalfTermDay), Marks(s.Pupils, "/"), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("is not a school day");
        (await api.GetAsync(s.RegisterUrl(TestAttendance.SchoolDay, "XX"), Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task School_a_cannot_read_or_write_school_b_registers()
    {
        var a = await app.RegisterSchoolAsync(pupils: 1);
        var b = await app.RegisterSchoolAsync(pupils: 1);
        using var apiA = await ClientAsync(a);
        using var apiB = await ClientAsync(b);
        (await apiB.PutAsJsonAsync(b.RegisterUrl(TestAttendance.SchoolDay), Marks(b.Pupils, "/"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await apiA.GetAsync(b.RegisterUrl(TestAttendance.SchoolDay), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await apiA.PutAsJsonAsync(b.RegisterUrl(TestAttendance.SchoolDay), Marks(b.Pupils, "O", "x"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // B's pupil on A's own register is refused: it is not on that register.
        var cross = await apiA.PutAsJsonAsync(a.RegisterUrl(TestAttendance.SchoolDay), Marks(b.Pupils, "/"), Ct);
        cross.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CodesAsync(apiB, b)).ShouldBe(["/"]);

        using var teacherA = await app.SignInNewUserAsync("Teacher", [a.School.Slug]);
        (await teacherA.GetAsync($"/schools/{b.School.Slug}/attendance/registers/{b.GroupId}/{TestAttendance.SchoolDay:yyyy-MM-dd}/AM", Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // And a teacher who does not tutor a group does not see its register, even in their own school.
        (await teacherA.GetAsync($"/schools/{a.School.Slug}/attendance/registers/{a.GroupId}/{TestAttendance.SchoolDay:yyyy-MM-dd}/AM", Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bulk_entry_marks_school_days_only_and_a_closure_is_not_counted()
    {
        var s = await app.RegisterSchoolAsync(pupils: 2);
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [s.School.Slug]);

        // Monday 19 Oct to Friday 6 Nov 2026 spans half term (26-30 Oct): 10 school days, both sessions.
        var period = await SchoolMisApp.PostFormAsync(admin, $"/schools/{s.School.Slug}/attendance/bulk", "code-for-period", new()
        {
            ["Period.PupilId"] = s.Pupils[0].ToString(), ["Period.From"] = "2026-10-19", ["Period.To"] = "2026-11-06",
            ["Period.Sessions"] = "Both", ["Period.Code"] = "C2", ["Period.Comment"] = "Part-time timetable agreed",
        });
        period.StatusCode.ShouldBe(HttpStatusCode.Redirect, app.ServerErrors.ToString());
        Uri.UnescapeDataString(SchoolMisApp.LocalPath(period.Headers.Location!)).ShouldContain("Recorded 20 new marks and amended 0 over 10 school days");

        var closure = await SchoolMisApp.PostFormAsync(admin, $"/schools/{s.School.Slug}/attendance/bulk", "school-closure",
            new() { ["Closure.Date"] = "2026-11-10" });
        closure.StatusCode.ShouldBe(HttpStatusCode.Redirect, app.ServerErrors.ToString());

        var stats = await app.InSchoolAsync(s.School.Id, async (sender, _) =>
            await sender.Send(new GetAttendanceStatisticsQuery(new(2026, 10, 19), new(2026, 11, 10)), Ct));
        var pupil0 = stats.Pupils.Single(p => p.PupilId == s.Pupils[0]).Figures;
        pupil0.Authorised.ShouldBe(20);
        pupil0.NotCounted.ShouldBe(2); // the closure's two sessions
        pupil0.Possible.ShouldBe(20);
        pupil0.PersistentlyAbsent.ShouldBeTrue();
        stats.Pupils.Single(p => p.PupilId == s.Pupils[1]).Figures.Possible.ShouldBe(0);

        // Changing those marks later needs a reason.
        var again = await SchoolMisApp.PostFormAsync(admin, $"/schools/{s.School.Slug}/attendance/bulk", "code-for-period", new()
        {
            ["Period.PupilId"] = s.Pupils[0].ToString(), ["Period.From"] = "2026-11-02", ["Period.To"] = "2026-11-02",
            ["Period.Sessions"] = "AM", ["Period.Code"] = "I",
        });
        (await again.Content.ReadAsStringAsync(Ct)).ShouldContain("Give a reason");
    }

    [Fact]
    public async Task A_tutor_takes_their_register_and_a_late_arrival_after_the_register_closed_is_recorded_as_u()
    {
        var s = await app.RegisterSchoolAsync(pupils: 3);
        var (teacher, teacherId) = await app.SignInNewUserWithIdAsync("Teacher", [s.School.Slug]);
        using (teacher)
        {
            await app.InSchoolAsync(s.School.Id, async (sender, _) =>
                await sender.Send(new SchoolMis.Pupils.Features.RegistrationGroups.SetGroupTutorsCommand(s.GroupId, [teacherId]), Ct));
            (await teacher.GetStringAsync($"/schools/{s.School.Slug}/attendance?date={TestAttendance.SchoolDay:yyyy-MM-dd}", Ct)).ShouldContain("5H");

            var page = $"/schools/{s.School.Slug}/attendance/registers/{s.GroupId}/{TestAttendance.SchoolDay:yyyy-MM-dd}/AM";
            var form = await teacher.GetStringAsync(page, Ct);
            var saved = await PostRegisterAsync(teacher, page, form, s.Pupils, i => i == 0 ? "L" : null, minutesLate: i => i == 0 ? 45 : null,
                fillPresent: true);
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, app.ServerErrors.ToString());
            (await saved.Content.ReadAsStringAsync(Ct)).ShouldContain("recorded as U: RegisterA, Pupil");
        }
        using var api = await ClientAsync(s);
        (await CodesAsync(api, s)).ShouldBe(["U", "/", "/"]);

        // The office chases nothing for that register now; the afternoon is still to take.
        var day = await app.InSchoolAsync(s.School.Id, async (sender, _) =>
            await sender.Send(new SchoolMis.Attendance.Features.Registers.GetRegistersForDayQuery(TestAttendance.SchoolDay, OnlyIncomplete: true), Ct));
        day.Registers.Select(r => (r.GroupCode, r.Session.ToString(), r.Unmarked)).ShouldBe([("5H", "PM", 3)]);
    }

    [Fact]
    public async Task Statistics_download_as_csv_for_staff()
    {
        var s = await app.RegisterSchoolAsync(pupils: 2);
        using (var api = await ClientAsync(s))
            (await api.PutAsJsonAsync(s.RegisterUrl(TestAttendance.SchoolDay), new { marks = new[] { new { pupilId = s.Pupils[0], code = "/" }, new { pupilId = s.Pupils[1], code = "O" } } }, Ct))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [s.School.Slug]);
        var csv = await admin.GetAsync($"/schools/{s.School.Slug}/attendance/statistics.csv?from=2026-11-01&to=2026-11-30", Ct);
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = await csv.Content.ReadAsStringAsync(Ct);
        text.ShouldContain("\"RegisterA, Pupil\"");
        text.ShouldContain(",1,1,0,0,0,0,100.0,N,N");
        text.ShouldContain(",1,0,0,0,1,0,0.0,Y,Y");
        using var anonymous = app.Browser();
        (await anonymous.GetAsync($"/schools/{s.School.Slug}/attendance/statistics.csv?from=2026-11-01&to=2026-11-30", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private static async Task<List<string?>> CodesAsync(HttpClient api, RegisterSchool s, string session = "AM")
    {
        var register = await api.GetFromJsonAsync<JsonElement>(s.RegisterUrl(TestAttendance.SchoolDay, session), TestContext.Current.CancellationToken);
        var byPupil = register.GetProperty("marks").EnumerateArray().ToDictionary(m => m.GetProperty("pupilId").GetGuid(),
            m => m.GetProperty("code").ValueKind == JsonValueKind.Null ? null : m.GetProperty("code").GetString());
        return s.Pupils.Select(p => byPupil[p]).ToList();
    }

    /// <summary>Posts the register page's form as the browser would, with the codes this person typed.</summary>
    private static async Task<HttpResponseMessage> PostRegisterAsync(HttpClient browser, string url, string page, IReadOnlyList<Guid> pupils,
        Func<int, string?> codeFor, Func<int, int?>? minutesLate = null, bool fillPresent = false)
    {
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = new List<KeyValuePair<string, string>> { new("_handler", "take-register"), new("__RequestVerificationToken", WebUtility.HtmlDecode(token)) };
        var rowIds = System.Text.RegularExpressions.Regex.Matches(page, "name=\"Rows\\[(\\d+)\\].PupilId\" value=\"([0-9a-f-]+)\"");
        foreach (System.Text.RegularExpressions.Match row in rowIds)
        {
            var index = row.Groups[1].Value;
            var pupil = Guid.Parse(row.Groups[2].Value);
            var seen = System.Text.RegularExpressions.Regex.Match(page, $"name=\"Rows\\[{index}\\].Seen\" value=\"([^\"]*)\"");
            fields.Add(new($"Rows[{index}].PupilId", pupil.ToString()));
            fields.Add(new($"Rows[{index}].Seen", seen.Success ? WebUtility.HtmlDecode(seen.Groups[1].Value) : ""));
            fields.Add(new($"Rows[{index}].Code", codeFor(pupils.ToList().IndexOf(pupil)) ?? ""));
            fields.Add(new($"Rows[{index}].MinutesLate", minutesLate?.Invoke(pupils.ToList().IndexOf(pupil))?.ToString() ?? ""));
        }
        if (fillPresent)
            fields.Add(new("FillPresent", "true"));
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }
}

public sealed class AttendanceTestsOnSqlite(SqliteApp app) : AttendanceTests<SqliteApp>(app);
public sealed class AttendanceTestsOnPostgres(PostgresApp app) : AttendanceTests<PostgresApp>(app);
