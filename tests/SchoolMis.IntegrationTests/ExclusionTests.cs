using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentValidation;
using SchoolMis.Attendance.Domain;
using SchoolMis.Attendance.Features.PupilAttendance;
using SchoolMis.Exclusions.Features.ListExclusions;
using SchoolMis.Exclusions.Features.PupilExclusions;
using SchoolMis.Exclusions.Features.RecordExclusion;
using SchoolMis.IntegrationTests.TestKit;

namespace SchoolMis.IntegrationTests;

/// <summary>Exclusions: DfE codes on their dates, sessions from the calendar, E on the register, the 45-day warning, who may see them.</summary>
public abstract class ExclusionTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    // In the TestKit calendar 2026/27: autumn term 4 Sep - 18 Dec, half term 26 - 30 Oct.
    private static readonly DateOnly Monday = new(2026, 11, 9);

    private static RecordExclusionCommand Suspension(Guid pupil, DateOnly start, DateOnly? end, params string[] reasons) =>
        new(null, pupil, "SUSP", start, end, reasons.Length == 0 ? ["PP"] : reasons, null, null, null, false);

    private Task<ExclusionSaved> RecordAsync(RegisterSchool s, RecordExclusionCommand command) =>
        app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(command, Ct));

    private Task<PupilAttendance> MarksAsync(RegisterSchool s, Guid pupil, DateOnly from, DateOnly to) =>
        app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new GetPupilAttendanceQuery(pupil, from, to), Ct));

    private async Task<HttpClient> ReaderAsync(RegisterSchool s)
    {
        var (id, secret) = await app.RegisterClientAsync([s.School.Slug], null, "schoolmis.read", "schoolmis.import");
        return await app.ApiAsync(id, secret, "schoolmis.read schoolmis.import");
    }

    private async Task<string?> RegisterCodeAsync(HttpClient api, RegisterSchool s, Guid pupil, DateOnly date, string session)
    {
        var register = await api.GetFromJsonAsync<JsonElement>(s.RegisterUrl(date, session), Ct);
        var row = register.GetProperty("marks").EnumerateArray().Single(m => m.GetProperty("pupilId").GetGuid() == pupil);
        return row.GetProperty("code").GetString();
    }

    [Fact]
    public async Task A_suspension_counts_school_sessions_from_the_calendar_skipping_weekends_and_half_term()
    {
        var s = await app.RegisterSchoolAsync(pupils: 1);
        // Friday 23 October to Monday 2 November: a weekend and half term between, so two school days.
        var saved = await RecordAsync(s, Suspension(s.Pupils[0], new(2026, 10, 23), new(2026, 11, 2)));
        saved.Sessions.ShouldBe(4);
        saved.Marks!.Recorded.ShouldBe(4);

        var lunchtime = await RecordAsync(s, Suspension(s.Pupils[0], Monday, Monday.AddDays(2)) with { Category = "LNCH" });
        lunchtime.Sessions.ShouldBe(3); // one session a day
        lunchtime.Marks!.Recorded.ShouldBe(0); // the pupil is in school for both registers

        var edited = await RecordAsync(s, Suspension(s.Pupils[0], Monday, Monday.AddDays(4)) with { Sessions = 7 });
        edited.Sessions.ShouldBe(7); // the office's count wins over the calendar's
    }

    [Fact]
    public async Task A_suspension_without_alternative_provision_shows_E_on_the_register_amending_existing_marks()
    {
        var s = await app.RegisterSchoolAsync(pupils: 2);
        using var api = await ReaderAsync(s);
        // Tuesday morning was already marked present; the suspension must amend it and keep the original.
        (await api.PutAsJsonAsync(s.RegisterUrl(Monday.AddDays(1)), new { marks = s.Pupils.Select(p => new { pupilId = p, code = "/" }) }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK, app.ServerErrors.ToString());

        var saved = await RecordAsync(s, Suspension(s.Pupils[0], Monday, Monday.AddDays(2), "VA", "DB"));
        saved.Sessions.ShouldBe(6);
        saved.Marks.ShouldBe(new(Recorded: 5, Amended: 1, Unchanged: 0, Restored: 0, LeftAsE: 0));

        foreach (var day in new[] { Monday, Monday.AddDays(1), Monday.AddDays(2) })
            foreach (var session in new[] { "AM", "PM" })
                (await RegisterCodeAsync(api, s, s.Pupils[0], day, session)).ShouldBe("E", $"{day} {session}");
        (await RegisterCodeAsync(api, s, s.Pupils[1], Monday.AddDays(1), "AM")).ShouldBe("/"); // classmates untouched
        (await RegisterCodeAsync(api, s, s.Pupils[0], Monday.AddDays(3), "AM")).ShouldBeNull(); // the day after

        var history = await MarksAsync(s, s.Pupils[0], Monday, Monday.AddDays(2));
        history.Marks.Count(m => m.Code == "E").ShouldBe(6);
        var amendment = history.Amendments.ShouldHaveSingleItem();
        amendment.PreviousCode.ShouldBe("/");
        amendment.NewCode.ShouldBe("E");
        amendment.Reason.ShouldContain("Exclusion");

        // Saving the same again changes nothing on the register.
        var again = await RecordAsync(s, Suspension(s.Pupils[0], Monday, Monday.AddDays(2), "VA", "DB") with { ExclusionId = saved.ExclusionId });
        again.Marks.ShouldBe(new(0, 0, 6, 0, 0));
    }

    [Fact]
    public async Task Changing_the_dates_or_the_provision_reapplies_the_marks()
    {
        var s = await app.RegisterSchoolAsync(pupils: 1);
        using var api = await ReaderAsync(s);
        var wednesday = Monday.AddDays(2);
        (await api.PutAsJsonAsync(s.RegisterUrl(wednesday, "AM"), new { marks = new[] { new { pupilId = s.Pupils[0], code = "/" } } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var first = await RecordAsync(s, Suspension(s.Pupils[0], Monday, wednesday));

        // Shortened to Monday-Tuesday: Wednesday morning goes back to present; Wednesday afternoon had no entry before E.
        var shorter = await RecordAsync(s, Suspension(s.Pupils[0], Monday, Monday.AddDays(1)) with { ExclusionId = first.ExclusionId });
        shorter.Sessions.ShouldBe(4);
        shorter.Marks.ShouldBe(new(0, 0, 4, Restored: 1, LeftAsE: 1));
        (await RegisterCodeAsync(api, s, s.Pupils[0], wednesday, "AM")).ShouldBe("/");

        // Moved on by a week: the new days get E. Sessions first recorded as E have no earlier entry to go back to
        // (nothing is deleted from a register), so they are reported for the office to correct.
        var moved = await RecordAsync(s, Suspension(s.Pupils[0], Monday.AddDays(7), Monday.AddDays(8)) with { ExclusionId = first.ExclusionId });
        moved.Marks.ShouldBe(new(Recorded: 4, Amended: 0, Unchanged: 0, Restored: 0, LeftAsE: 5));
        (await RegisterCodeAsync(api, s, s.Pupils[0], Monday.AddDays(8), "PM")).ShouldBe("E");

        // The office corrects one of them on the register: it is no longer the exclusion's.
        (await api.PutAsJsonAsync(s.RegisterUrl(Monday, "AM"), new { marks = new[] { new { pupilId = s.Pupils[0], code = "/" } }, reason = "Was in school" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK, app.ServerErrors.ToString());

        // Alternative provision arranged: no E is due any more.
        var provided = await RecordAsync(s, Suspension(s.Pupils[0], Monday.AddDays(7), Monday.AddDays(8)) with
            { ExclusionId = first.ExclusionId, AlternativeProvision = true });
        provided.Marks.ShouldBe(new(0, 0, 0, Restored: 0, LeftAsE: 8));
    }

    [Fact]
    public async Task A_permanent_exclusion_has_no_end_and_marks_E_for_the_sessions_given()
    {
        var s = await app.RegisterSchoolAsync(pupils: 1);
        var noSessions = await Should.ThrowAsync<ValidationException>(() => RecordAsync(s, Suspension(s.Pupils[0], Monday, null) with { Category = "PERM" }));
        noSessions.Errors.ShouldContain(e => e.PropertyName == "Sessions" && e.ErrorMessage.Contains("no end date"));
        var withEnd = await Should.ThrowAsync<ValidationException>(() => RecordAsync(s, Suspension(s.Pupils[0], Monday, Monday) with { Category = "PERM", Sessions = 4 }));
        withEnd.Errors.ShouldContain(e => e.PropertyName == "EndDate" && e.ErrorMessage == "A permanent exclusion has no end date.");

        var saved = await RecordAsync(s, Suspension(s.Pupils[0], Monday.AddDays(4), null) with { Category = "PERM", Sessions = 6 });
        saved.Marks!.Recorded.ShouldBe(6); // Friday, then Monday and Tuesday
        var marks = await MarksAsync(s, s.Pupils[0], Monday, Monday.AddDays(14));
        marks.Marks.Select(m => m.Date).Distinct().Order().ShouldBe([Monday.AddDays(4), Monday.AddDays(7), Monday.AddDays(8)]);
    }

    [Theory]
    [InlineData("XXXX", "2026-11-09", "2026-11-10", "PP", "Category", "not an exclusion category")]
    [InlineData("SUSP", "2026-11-09", "2026-11-10", "ZZ", "Reasons", "'ZZ' is not an exclusion reason code")]
    [InlineData("SUSP", "2026-11-09", "2026-11-10", "OT", "Reasons", "'OT' (Other) was withdrawn on 1 September 2020")]
    [InlineData("SUSP", "2019-11-04", "2019-11-05", "OW", "Reasons", "valid only from 1 September 2020")]
    [InlineData("SUSP", "2026-11-09", "2026-11-10", "PP,PP", "Reasons", "only once")]
    [InlineData("SUSP", "2026-11-09", "2026-11-10", "PP,PA,VP,VA", "Reasons", "at most 3 reasons")]
    [InlineData("SUSP", "2026-11-09", "2026-11-10", "", "Reasons", "at least one reason")]
    [InlineData("SUSP", "2026-11-10", "2026-11-09", "PP", "EndDate", "on or after the start date")]
    [InlineData("SUSP", "2026-11-10", null, "PP", "EndDate", "last day of the suspension")]
    public async Task Bad_exclusions_are_refused_naming_the_field_and_nothing_is_written(string category, string start, string? end, string reasons,
        string field, string message)
    {
        var s = await app.RegisterSchoolAsync(pupils: 1);
        var command = new RecordExclusionCommand(null, s.Pupils[0], category, DateOnly.Parse(start), end is null ? null : DateOnly.Parse(end),
            reasons.Split(',', StringSplitOptions.RemoveEmptyEntries), null, null, null, false);
        var refused = await Should.ThrowAsync<ValidationException>(() => RecordAsync(s, command));
        refused.Errors.ShouldContain(e => e.PropertyName == field && e.ErrorMessage.Contains(message), string.Join("; ", refused.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));

        var history = await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new GetPupilExclusionsQuery(s.Pupils[0]), Ct));
        history.Years.ShouldBeEmpty();
        (await MarksAsync(s, s.Pupils[0], new(2019, 9, 1), new(2027, 8, 31))).Marks.ShouldBeEmpty();
    }

    [Fact]
    public async Task Suspensions_past_45_school_days_in_a_year_are_warned_about()
    {
        var s = await app.RegisterSchoolAsync(pupils: 2);
        var first = await RecordAsync(s, Suspension(s.Pupils[0], Monday, Monday.AddDays(4)) with { Sessions = 80, AlternativeProvision = true });
        first.Warning.ShouldBeNull();
        var lunchtime = await RecordAsync(s, Suspension(s.Pupils[0], Monday.AddDays(7), Monday.AddDays(16)) with { Category = "LNCH" });
        lunchtime.Sessions.ShouldBe(8);
        lunchtime.Warning.ShouldBeNull(); // 88 sessions: 44 days
        var third = await RecordAsync(s, Suspension(s.Pupils[0], new(2027, 1, 11), new(2027, 1, 12)));
        third.Warning.ShouldNotBeNull().ShouldContain("92 sessions");
        // Another academic year starts again from nothing.
        (await RecordAsync(s, Suspension(s.Pupils[0], new(2023, 11, 6), new(2023, 11, 7)) with { Sessions = 80 })).Warning.ShouldBeNull();

        var list = await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new ListExclusionsQuery(Monday, null), Ct));
        list.Year.Name.ShouldBe("2026/27");
        list.Rows.Count.ShouldBe(3);
        list.OverLimit.ShouldHaveSingleItem().Sessions.ShouldBe(92);
        var lunchOnly = await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new ListExclusionsQuery(Monday, "LNCH"), Ct));
        lunchOnly.Rows.ShouldHaveSingleItem().Category.ShouldBe("LNCH");

        var history = await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new GetPupilExclusionsQuery(s.Pupils[0]), Ct));
        history.Years.Select(y => y.Year.Name).ShouldBe(["2026/27", "2023/24"]);
        history.Years[0].Warning.ShouldNotBeNull();
        history.Years[1].Warning.ShouldBeNull();
    }

    [Fact]
    public async Task The_school_office_records_a_suspension_on_the_form_and_sees_it_in_the_pupil_history()
    {
        var s = await app.RegisterSchoolAsync(pupils: 1);
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [s.School.Slug]);
        var form = $"/schools/{s.School.Slug}/exclusions/new?pupil={s.Pupils[0]}";
        var fields = new Dictionary<string, string>
        {
            ["Form.PupilId"] = s.Pupils[0].ToString(), ["Form.Category"] = "SUSP", ["Form.StartDate"] = "2026-11-10", ["Form.EndDate"] = "2026-11-09",
            ["Form.Reason1"] = "PA", ["Form.Reason2"] = "", ["Form.Reason3"] = "", ["Form.Sessions"] = "", ["Form.ReinstatementDate"] = "",
            ["Form.Notes"] = "Meeting with parents on return",
        };
        var refused = await SchoolMisApp.PostFormAsync(admin, form, "exclusion", fields);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK, app.ServerErrors.ToString());
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("The end date must be on or after the start date.");

        fields["Form.EndDate"] = "2026-11-11";
        var saved = await SchoolMisApp.PostFormAsync(admin, form, "exclusion", fields);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, app.ServerErrors.ToString());
        var history = await admin.GetStringAsync(SchoolMisApp.LocalPath(saved.Headers.Location!), Ct);
        history.ShouldContain("4 sessions missed");
        history.ShouldContain("4 sessions marked E");
        history.ShouldContain("PA Physical assault against an adult");
        history.ShouldContain("Meeting with parents on return");

        var list = await admin.GetStringAsync($"/schools/{s.School.Slug}/exclusions?year=2026", Ct);
        list.ShouldContain("RegisterA, Pupil");

        // Changing the last day re-applies the marks and is kept in the record's history: who, when, what.
        var edit = System.Text.RegularExpressions.Regex.Match(list, "/schools/[^\"]+/exclusions/([0-9a-f-]{36})/edit").Value;
        fields["Form.EndDate"] = "2026-11-12";
        var changed = await SchoolMisApp.PostFormAsync(admin, edit, "exclusion", fields);
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect, app.ServerErrors.ToString());
        (await admin.GetStringAsync(SchoolMisApp.LocalPath(changed.Headers.Location!), Ct)).ShouldContain("6 sessions missed");
        var page = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync(edit, Ct));
        page.ShouldContain("History");
        page.ShouldContain("Recorded:");
        page.ShouldContain("Last day: 2026-11-11 → 2026-11-12");
        page.ShouldContain("Sessions missed: 4 → 6");
        page.ShouldContain("Test User (schooladmin-");
        var trail = await app.InSchoolAsync(s.School.Id, async (sender, _) =>
            await sender.Send(new GetExclusionQuery(Guid.Parse(edit.Split('/')[^2])), Ct));
        trail.History.Select(h => h.Action).ShouldBe(["Added", "Modified"]);
        trail.History[1].Changes["EndDate"].ShouldBe(new SchoolMis.Platform.Auditing.AuditChange("2026-11-11", "2026-11-12"));
        (await admin.GetStringAsync($"/schools/{s.School.Slug}/pupils/{s.Pupils[0]}", Ct)).ShouldContain($"/schools/{s.School.Slug}/exclusions/pupils/{s.Pupils[0]}");
    }

    [Fact]
    public async Task Teachers_LA_officers_and_other_schools_never_see_exclusions()
    {
        var a = await app.RegisterSchoolAsync(pupils: 1);
        var b = await app.RegisterSchoolAsync(pupils: 1);
        var saved = await RecordAsync(a, Suspension(a.Pupils[0], Monday, Monday) with { Notes = "Confidential-note-A" });
        await RecordAsync(b, Suspension(b.Pupils[0], Monday, Monday) with { Notes = "Confidential-note-B" });
        var pages = new[]
        {
            $"/schools/{a.School.Slug}/exclusions", $"/schools/{a.School.Slug}/exclusions/pupils/{a.Pupils[0]}",
            $"/schools/{a.School.Slug}/exclusions/{saved.ExclusionId}/edit", $"/schools/{a.School.Slug}/exclusions/new",
        };

        using var teacher = await app.SignInNewUserAsync("Teacher", [a.School.Slug]);
        using var officer = await app.SignInNewUserAsync("LaOfficer", null, a.School.LaCode);
        using var otherAdmin = await app.SignInNewUserAsync("SchoolAdmin", [b.School.Slug]);
        foreach (var (who, browser) in new[] { ("teacher", teacher), ("LA officer", officer), ("other school's admin", otherAdmin) })
            foreach (var page in pages)
            {
                var response = await browser.GetAsync(page, Ct);
                response.StatusCode.ShouldNotBe(HttpStatusCode.OK, $"{who} {page}");
                (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain("Confidential-note-A");
            }
        // The teacher's view of the pupil has no link to the exclusions.
        (await teacher.GetStringAsync($"/schools/{a.School.Slug}/pupils/{a.Pupils[0]}", Ct)).ShouldNotContain("/exclusions");

        // B's admin, on B's own pages, sees only B's exclusions; A's record under B's address is not found.
        var listB = await otherAdmin.GetStringAsync($"/schools/{b.School.Slug}/exclusions?year=2026", Ct);
        listB.ShouldContain("RegisterA, Pupil");
        (await otherAdmin.GetStringAsync($"/schools/{b.School.Slug}/exclusions/pupils/{b.Pupils[0]}", Ct)).ShouldNotContain("Confidential-note-A");
        (await otherAdmin.GetAsync($"/schools/{b.School.Slug}/exclusions/{saved.ExclusionId}/edit", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherAdmin.GetAsync($"/schools/{b.School.Slug}/exclusions/pupils/{a.Pupils[0]}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await Should.ThrowAsync<SchoolMis.Platform.Messaging.NotFoundException>(() => app.InSchoolAsync(b.School.Id, async (sender, _) =>
            await sender.Send(Suspension(a.Pupils[0], Monday, Monday) with { ExclusionId = saved.ExclusionId }, Ct)));
    }

    private static object[] Groups => [new { externalId = "G-5H", code = "5H", name = "Herons", ncYear = "5" }];

    private static object ImportedPupil(int n)
    {
        var rest = $"80123452{n % 10000:0000}";
        return new
        {
            externalId = $"P{n}", upn = SchoolMis.Platform.Identifiers.Upn.CheckLetter(rest) + rest, surname = "Imported", forename = $"Pupil{n}",
            dateOfBirth = "2016-03-01", sex = "F", admissionNumber = $"{4000 + n}", admissionDate = "2021-09-06", enrolmentStatus = "C", ncYear = "5",
            registrationGroupExternalId = "G-5H",
        };
    }

    private async Task<JsonElement> ImportAsync(HttpClient api, TestSchool school, string dataset, object rows, HttpStatusCode expected)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/schools/{school.Slug}/imports/{dataset}", rows, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        response.StatusCode.ShouldBe(expected, body.ToString() + app.ServerErrors);
        return body;
    }

    [Fact]
    public async Task The_exclusions_dataset_imports_history_once_keeping_legacy_codes_and_refuses_bad_rows()
    {
        var school = await app.ProvisionSchoolAsync();
        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.import", "schoolmis.read");
        using var api = await app.ApiAsync(id, secret, "schoolmis.import schoolmis.read");
        await ImportAsync(api, school, "registration-groups", Groups, HttpStatusCode.OK);
        await ImportAsync(api, school, "pupils", new[] { ImportedPupil(1), ImportedPupil(2) }, HttpStatusCode.OK);

        object[] rows =
        [
            new { externalId = "X1", pupilExternalId = "P1", category = "FIXD", startDate = "2019-11-04", endDate = "2019-11-05", reasons = new[] { "OT" }, sessions = 4 },
            new { externalId = "X2", pupilExternalId = "P1", category = "SUSP", startDate = "2024-01-15", endDate = "2024-01-17", reasons = new[] { "PA", "VA", "DB" }, sessions = 6 },
            new { externalId = "X3", pupilExternalId = "P2", category = "PERM", startDate = "2025-03-03", endDate = (string?)null, reasons = new[] { "OW" }, sessions = 20 },
        ];
        var first = await ImportAsync(api, school, "exclusions", rows, HttpStatusCode.OK);
        first.GetProperty("created").GetInt32().ShouldBe(3);
        var again = await ImportAsync(api, school, "exclusions", rows, HttpStatusCode.OK);
        again.GetProperty("unchanged").GetInt32().ShouldBe(3);
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/reconciliation", Ct)).ToString().ShouldContain("exclusions");

        var pupil = await app.InSchoolAsync(school.Id, async (sender, _) =>
            (await sender.Send(new SchoolMis.Pupils.Contracts.FindPupilsByExternalIdQuery(["P1"]), Ct)).Single().PupilId);
        var history = await app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(new GetPupilExclusionsQuery(pupil), Ct));
        var legacy = history.Years.Single(y => y.Year.Name == "2019/20").Exclusions.Single();
        legacy.Category.ShouldBe("FIXD");
        legacy.Reasons.ShouldBe(["OT"]);
        history.Years.Single(y => y.Year.Name == "2019/20").SuspensionSessions.ShouldBe(4); // FIXD counts as a suspension
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        (await admin.GetStringAsync($"/schools/{school.Slug}/exclusions/pupils/{pupil}", Ct)).ShouldContain("Suspension (fixed period, legacy FIXD)");

        object[] bad =
        [
            new { externalId = "X2", pupilExternalId = "P1", category = "SUSP", startDate = "2024-01-15", endDate = "2024-01-17", reasons = new[] { "PA" }, sessions = 6 },
            new { externalId = "B1", pupilExternalId = "P1", category = "SUSP", startDate = "2024-01-15", endDate = "2024-01-10", reasons = new[] { "PA" }, sessions = 6 },
            new { externalId = "B2", pupilExternalId = "P1", category = "SUSP", startDate = "2024-01-15", endDate = "2024-01-16", reasons = new[] { "OT" }, sessions = 4 },
            new { externalId = "B3", pupilExternalId = "P1", category = "SUSP", startDate = "2024-01-15", endDate = "2024-01-16", reasons = new[] { "PA", "PA" }, sessions = 4 },
            new { externalId = "B4", pupilExternalId = "P1", category = "EXPL", startDate = "2024-01-15", endDate = "2024-01-16", reasons = new[] { "PA", "VA", "DB", "TH" }, sessions = 4 },
            new { externalId = "B5", pupilExternalId = "P9", category = "SUSP", startDate = "2024-01-15", endDate = "2024-01-16", reasons = new[] { "PA" }, sessions = 4 },
            new { externalId = "B6", pupilExternalId = "P1", category = "LNCH", startDate = "2024-01-15", endDate = "2024-01-16", reasons = new[] { "PA" } },
        ];
        var report = await ImportAsync(api, school, "exclusions", bad, HttpStatusCode.UnprocessableEntity);
        var errors = report.GetProperty("errors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Field: e.GetProperty("field").GetString(), Message: e.GetProperty("message").GetString()!)).ToList();
        errors.ShouldContain(e => e.Row == 2 && e.Field == "endDate");
        errors.ShouldContain(e => e.Row == 3 && e.Field == "reasons" && e.Message.Contains("withdrawn"));
        errors.ShouldContain(e => e.Row == 4 && e.Field == "reasons" && e.Message.Contains("only once"));
        errors.ShouldContain(e => e.Row == 5 && e.Field == "category");
        errors.ShouldContain(e => e.Row == 5 && e.Field == "reasons" && e.Message.Contains("at most 3"));
        errors.ShouldContain(e => e.Row == 6 && e.Field == "pupilExternalId");
        errors.ShouldContain(e => e.Row == 7 && e.Field == "sessions");
        // All or nothing: the valid changed row 1 was not written either.
        (await app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(new GetPupilExclusionsQuery(pupil), Ct)))
            .Years.Single(y => y.Year.Name == "2023/24").Exclusions.Single().Reasons.ShouldBe(["PA", "VA", "DB"]);

        // Another school's client cannot import into this school.
        var other = await app.ProvisionSchoolAsync();
        var (otherId, otherSecret) = await app.RegisterClientAsync([other.Slug], null, "schoolmis.import");
        using var otherApi = await app.ApiAsync(otherId, otherSecret, "schoolmis.import");
        (await otherApi.PostAsJsonAsync($"/api/v1/schools/{school.Slug}/imports/exclusions", rows, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class ExclusionTestsOnSqlite(SqliteApp app) : ExclusionTests<SqliteApp>(app);
public sealed class ExclusionTestsOnPostgres(PostgresApp app) : ExclusionTests<PostgresApp>(app);
