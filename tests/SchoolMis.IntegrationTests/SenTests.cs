using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentValidation;
using SchoolMis.IntegrationTests.TestKit;
using SchoolMis.Platform.Messaging;
using SchoolMis.Pupils.Features.RegistrationGroups;
using SchoolMis.Sen.Contracts;
using SchoolMis.Sen.Domain;
using SchoolMis.Sen.Features.PupilSen;
using SchoolMis.Sen.Features.Register;

namespace SchoolMis.IntegrationTests;

/// <summary>
/// SEN: provision history with its rules, EHC plan reviews, the register and the pupil's SEN page by role, the API,
/// isolation between schools, the <c>sen</c> import and a CTF's SENhistory, and the audit of every change.
/// </summary>
public abstract class SenTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NeedInput[] Needs(params (string Type, int Rank)[] needs) => [.. needs.Select(n => new NeedInput(n.Type, n.Rank))];

    private Task<Guid> SaveAsync(TestSchool school, SaveSenPeriodCommand command) =>
        app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(command, Ct));

    private async Task<Exception> RefusedAsync(TestSchool school, SaveSenPeriodCommand command) =>
        await Should.ThrowAsync<Exception>(() => SaveAsync(school, command));

    private static string Messages(Exception e) => e is ValidationException v ? string.Join(" | ", v.Errors.Select(x => $"{x.PropertyName}: {x.ErrorMessage}")) : e.Message;

    [Fact]
    public async Task Provision_periods_follow_the_rules_and_a_new_provision_ends_the_current_one()
    {
        var school = await app.ProvisionSchoolAsync();
        var pupil = await app.AddPupilAsync(school, "Senley");
        var k = await SaveAsync(school, new(pupil, null, "K", new(2024, 9, 4), null, Needs(("SPLD", 1), ("SLCN", 2))));

        // Refusals, each with a message naming what is wrong; nothing is written.
        Messages(await RefusedAsync(school, new(pupil, null, "X", new(2025, 1, 6), null, []))).ShouldContain("'X' is not an SEN provision code");
        Messages(await RefusedAsync(school, new(pupil, null, "K", new(2025, 1, 6), null, []))).ShouldContain("Needs: Give at least the primary need type");
        Messages(await RefusedAsync(school, new(pupil, null, "E", new(2025, 1, 6), null, [], new(2025, 1, 6)))).ShouldContain("Give at least the primary need type");
        Messages(await RefusedAsync(school, new(pupil, null, "N", new(2025, 1, 6), null, Needs(("MLD", 1))))).ShouldContain("no SEN (N) has no need types");
        Messages(await RefusedAsync(school, new(pupil, null, "K", new(2025, 1, 6), null, Needs(("MLD", 1), ("SLD", 1))))).ShouldContain("Rank 1 is given twice");
        Messages(await RefusedAsync(school, new(pupil, null, "K", new(2025, 1, 6), null, Needs(("BAD", 1))))).ShouldContain("'BAD' is not an SEN need type");
        Messages(await RefusedAsync(school, new(pupil, null, "E", new(2025, 1, 6), null, Needs(("NSA", 1)), new(2025, 1, 6)))).ShouldContain("NSA");
        Messages(await RefusedAsync(school, new(pupil, null, "S", new(2025, 1, 6), null, Needs(("MLD", 1))))).ShouldContain("legacy code");
        Messages(await RefusedAsync(school, new(pupil, null, "K", new(2025, 1, 6), new(2025, 1, 1), Needs(("MLD", 1))))).ShouldContain("EndDate: The end date");
        var overlap = await RefusedAsync(school, new(pupil, null, "K", new(2024, 1, 1), new(2024, 12, 31), Needs(("MLD", 1))));
        overlap.ShouldBeOfType<DomainRuleException>().Message.ShouldContain("overlaps");
        // A correction cannot turn a period into a legacy one either.
        (await RefusedAsync(school, new(pupil, k, "A", new(2024, 9, 4), null, []))).ShouldBeOfType<DomainRuleException>().Message.ShouldContain("legacy code");

        // An EHC plan from January 2025: SEN support ends the day before; the review is due a year after issue.
        await SaveAsync(school, new(pupil, null, "E", new(2025, 1, 6), null, Needs(("ASD", 1)), PlanIssueDate: new(2025, 1, 6)));
        var status = await app.InSchoolAsync(school.Id, async (sender, _) => new[]
        {
            await sender.Send(new GetSenStatusQuery(new(2024, 12, 1), [pupil]), Ct), await sender.Send(new GetSenStatusQuery(new(2025, 2, 1)), Ct),
            await sender.Send(new GetSenStatusQuery(new(2024, 1, 1)), Ct),
        });
        status[0].ShouldHaveSingleItem().ShouldBe(new PupilSenStatus(pupil, "K", status[0][0].Needs));
        status[0][0].Needs.ShouldBe([new SenNeedRank("SPLD", 1), new SenNeedRank("SLCN", 2)]);
        status[1].ShouldHaveSingleItem().Provision.ShouldBe("E");
        status[2].ShouldBeEmpty();

        var record = await app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(new GetPupilSenQuery(pupil), Ct));
        record.Periods.Select(p => (p.Provision, p.StartDate, p.EndDate)).ShouldBe([("E", new DateOnly(2025, 1, 6), null), ("K", new DateOnly(2024, 9, 4), new DateOnly(2025, 1, 5))]);
        record.Current!.ReviewDue.ShouldBe(new DateOnly(2026, 1, 6));
        record.Current.ReviewOverdue.ShouldBe(record.Today > new DateOnly(2026, 1, 6));

        // Audited: who and what, for the insert and the end date the new provision set.
        record.History.ShouldContain(h => h.EntityId == k && h.Action == "Added" && h.Changes["Provision"].New == "K");
        record.History.ShouldContain(h => h.EntityId == k && h.Action == "Modified" && h.Changes["EndDate"].New == "2025-01-05" && h.ChangedBy == "system");
    }

    [Fact]
    public async Task The_office_records_provision_and_notes_on_the_pages_and_sees_refusals_and_history()
    {
        var school = await app.ProvisionSchoolAsync();
        var pupil = await app.AddPupilAsync(school, "Formfield");
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        var page = $"/schools/{school.Slug}/sen/pupils/{pupil}/periods/new";

        var refused = await SchoolMisApp.PostFormAsync(admin, page, "sen-period",
            new() { ["Form.Provision"] = "K", ["Form.StartDate"] = "2025-09-03" });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("Give at least the primary need type");

        var saved = await SchoolMisApp.PostFormAsync(admin, page, "sen-period",
            new() { ["Form.Provision"] = "E", ["Form.StartDate"] = "2025-09-03", ["Form.PrimaryNeed"] = "SEMH", ["Form.PlanIssueDate"] = "2024-06-01" });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync(Ct));

        var note = await SchoolMisApp.PostFormAsync(admin, $"/schools/{school.Slug}/sen/pupils/{pupil}", "sen-note",
            new() { ["Note.Date"] = "2025-09-10", ["Note.Text"] = "Annual review meeting booked with parents." });
        note.StatusCode.ShouldBe(HttpStatusCode.Redirect, await note.Content.ReadAsStringAsync(Ct));

        var html = await admin.GetStringAsync($"/schools/{school.Slug}/sen/pupils/{pupil}", Ct);
        html.ShouldContain("SEMH: Social emotional and mental health");
        html.ShouldContain("1 June 2025"); // review due a year after issue, long past
        html.ShouldContain("Overdue");
        html.ShouldContain("Annual review meeting booked with parents.");
        html.ShouldContain("id=\"sen-history\"");
        html.ShouldContain("Provision period added");

        var register = await admin.GetStringAsync($"/schools/{school.Slug}/sen?provision=E&need=SEMH", Ct);
        register.ShouldContain("Formfield");
        (await admin.GetStringAsync($"/schools/{school.Slug}/sen?provision=K", Ct)).ShouldNotContain("Formfield");
        (await admin.GetStringAsync($"/schools/{school.Slug}/sen?year=7", Ct)).ShouldNotContain("Formfield");

        // A period recorded in error is removed, and its removal stays in the history.
        var period = (await app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(new GetPupilSenQuery(pupil), Ct))).Periods.Single().Id;
        var extra = await SaveAsync(school, new(pupil, null, "K", new(2023, 9, 6), new(2024, 7, 19), Needs(("MLD", 1))));
        var removed = await SchoolMisApp.PostFormAsync(admin, $"/schools/{school.Slug}/sen/pupils/{pupil}/periods/{extra}", "sen-period-delete", []);
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await removed.Content.ReadAsStringAsync(Ct));
        var after = await app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(new GetPupilSenQuery(pupil), Ct));
        after.Periods.Select(p => p.Id).ShouldBe([period]);
        after.History.ShouldContain(h => h.EntityId == extra && h.Action == "Deleted");
        (await admin.GetStringAsync($"/schools/{school.Slug}/sen/pupils/{pupil}", Ct)).ShouldContain("Provision period removed");

        var profile = await admin.GetStringAsync($"/schools/{school.Slug}/pupils/{pupil}", Ct);
        profile.ShouldContain("id=\"sen-panel\"");
        profile.ShouldContain("Education health and care (EHC) plan");
    }

    [Fact]
    public async Task Teachers_read_only_their_tutor_groups_pupils_and_la_officers_see_nothing()
    {
        var s = await app.RegisterSchoolAsync(pupils: 1);
        var outsider = await app.AddPupilAsync(s.School, "Elsewhere");
        foreach (var pupil in new[] { s.Pupils[0], outsider })
            await SaveAsync(s.School, new(pupil, null, "K", new(2025, 9, 3), null, Needs(("MLD", 1))));

        var (tutor, tutorId) = await app.SignInNewUserWithIdAsync("Teacher", [s.School.Slug]);
        using var other = await app.SignInNewUserAsync("Teacher", [s.School.Slug]);
        using var la = await app.SignInNewUserAsync("LaOfficer", null, s.School.LaCode);
        using (tutor)
        {
            await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new SetGroupTutorsCommand(s.GroupId, [tutorId]), Ct));

            var register = await tutor.GetStringAsync($"/schools/{s.School.Slug}/sen", Ct);
            register.ShouldContain("RegisterA");
            register.ShouldNotContain("Elsewhere");
            (await tutor.GetStringAsync($"/schools/{s.School.Slug}/sen/pupils/{s.Pupils[0]}", Ct)).ShouldContain("MLD: Moderate learning difficulty");
            (await tutor.GetAsync($"/schools/{s.School.Slug}/sen/pupils/{outsider}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await tutor.GetStringAsync($"/schools/{s.School.Slug}/pupils/{outsider}", Ct)).ShouldNotContain("sen-panel");

            // Reading is all: the edit page is the office's, and a note posted anyway is refused.
            (await tutor.GetAsync($"/schools/{s.School.Slug}/sen/pupils/{s.Pupils[0]}/periods/new", Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
            var note = await SchoolMisApp.PostFormAsync(tutor, $"/schools/{s.School.Slug}/sen/pupils/{s.Pupils[0]}", "sen-note",
                new() { ["Note.Date"] = "2025-09-10", ["Note.Text"] = "Teacher note" });
            note.StatusCode.ShouldNotBe(HttpStatusCode.Redirect); // the note form is not even there for a teacher
            var record = await app.InSchoolAsync(s.School.Id, async (sender, _) => await sender.Send(new GetPupilSenQuery(s.Pupils[0]), Ct));
            record.Notes.ShouldBeEmpty();
        }

        (await other.GetStringAsync($"/schools/{s.School.Slug}/sen", Ct)).ShouldContain("No pupils match.");
        (await other.GetAsync($"/schools/{s.School.Slug}/sen/pupils/{s.Pupils[0]}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await la.GetAsync($"/schools/{s.School.Slug}/sen", Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await la.GetAsync($"/schools/{s.School.Slug}/sen/pupils/{s.Pupils[0]}", Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        // The API: the school's own reader sees it; an LA client and a client without the read scope do not.
        var (readId, readSecret) = await app.RegisterClientAsync([s.School.Slug], null, "schoolmis.read");
        using var reader = await app.ApiAsync(readId, readSecret, "schoolmis.read");
        var sen = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{s.School.Slug}/pupils/{s.Pupils[0]}/sen", Ct);
        sen.GetProperty("current").GetString().ShouldBe("K");
        var (laId, laSecret) = await app.RegisterClientAsync(null, s.School.LaCode, "schoolmis.read");
        using var laClient = await app.ApiAsync(laId, laSecret, "schoolmis.read");
        (await laClient.GetAsync($"/api/v1/schools/{s.School.Slug}/pupils/{s.Pupils[0]}/sen", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var (importId, importSecret) = await app.RegisterClientAsync([s.School.Slug], null, "schoolmis.import");
        using var importer = await app.ApiAsync(importId, importSecret, "schoolmis.import");
        (await importer.GetAsync($"/api/v1/schools/{s.School.Slug}/pupils/{s.Pupils[0]}/sen", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task One_school_never_sees_another_schools_sen_records()
    {
        var a = await app.ProvisionSchoolAsync();
        var b = await app.ProvisionSchoolAsync();
        var pupil = await app.AddPupilAsync(a, "Private");
        await SaveAsync(a, new(pupil, null, "K", new(2025, 9, 3), null, Needs(("HI", 1))));

        await Should.ThrowAsync<NotFoundException>(() => app.InSchoolAsync(b.Id, async (sender, _) => await sender.Send(new GetPupilSenQuery(pupil), Ct)));
        (await app.InSchoolAsync(b.Id, async (sender, _) => await sender.Send(new GetSenStatusQuery(new(2025, 10, 1)), Ct))).ShouldBeEmpty();
        (await app.InSchoolAsync(b.Id, async (sender, _) => await sender.Send(new GetSenRegisterQuery(), Ct))).Rows.ShouldBeEmpty();
        await Should.ThrowAsync<NotFoundException>(() => SaveAsync(b, new(pupil, null, "K", new(2026, 1, 5), null, Needs(("HI", 1)))));

        using var adminB = await app.SignInNewUserAsync("SchoolAdmin", [b.Slug]);
        (await adminB.GetAsync($"/schools/{b.Slug}/sen/pupils/{pupil}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await adminB.GetAsync($"/schools/{a.Slug}/sen", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (id, secret) = await app.RegisterClientAsync([b.Slug], null, "schoolmis.read");
        using var apiB = await app.ApiAsync(id, secret, "schoolmis.read");
        (await apiB.GetAsync($"/api/v1/schools/{b.Slug}/pupils/{pupil}/sen", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await apiB.GetAsync($"/api/v1/schools/{a.Slug}/pupils/{pupil}/sen", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static string Upn(int serial)
    {
        var rest = $"80123453{serial % 10000:0000}";
        return global::SchoolMis.Platform.Identifiers.Upn.CheckLetter(rest) + rest;
    }

    private static object Pupil(int n) => new
    {
        externalId = $"S{n}", upn = Upn(n), surname = $"Needs{n}", forename = "Pat", dateOfBirth = "2015-03-01", sex = "F",
        admissionNumber = $"{7000 + n}", admissionDate = "2021-09-06", enrolmentStatus = "C", ncYear = "5",
    };

    private async Task<(TestSchool School, HttpClient Api)> ImportSchoolAsync()
    {
        var school = await app.ProvisionSchoolAsync();
        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.import", "schoolmis.read");
        return (school, await app.ApiAsync(id, secret, "schoolmis.import schoolmis.read"));
    }

    private async Task<JsonElement> ImportAsync(HttpClient api, TestSchool school, string dataset, object rows, HttpStatusCode expected)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/schools/{school.Slug}/imports/{dataset}", rows, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        response.StatusCode.ShouldBe(expected, body.ToString() + app.ServerErrors);
        return body;
    }

    [Fact]
    public async Task The_sen_import_keeps_legacy_history_is_idempotent_and_refuses_bad_rows_whole()
    {
        var (school, api) = await ImportSchoolAsync();
        using var _ = api;
        await ImportAsync(api, school, "pupils", new[] { Pupil(1), Pupil(2) }, HttpStatusCode.OK);
        object[] rows =
        [
            new { pupilExternalId = "S1", provision = "A", startDate = "2012-09-05", endDate = "2014-08-31" },
            new { pupilExternalId = "S1", provision = "K", startDate = "2014-09-01", needs = new[] { new { type = "SPLD", rank = 1 } } },
            new { pupilExternalId = "S1", provision = "E", startDate = "2020-03-02", needs = new[] { new { type = "ASD", rank = 1 }, new { type = "SLCN", rank = 2 } } },
            new { pupilExternalId = "S2", provision = "N" },
        ];
        var first = await ImportAsync(api, school, "sen", rows, HttpStatusCode.OK);
        first.GetProperty("created").GetInt32().ShouldBe(4);
        var again = await ImportAsync(api, school, "sen", rows, HttpStatusCode.OK);
        again.GetProperty("unchanged").GetInt32().ShouldBe(4);
        again.GetProperty("created").GetInt32().ShouldBe(0);

        var pupilId = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils?search=Needs1", Ct)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var sen = await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils/{pupilId}/sen", Ct);
        sen.GetProperty("current").GetString().ShouldBe("E");
        sen.GetProperty("periods").EnumerateArray().Select(p => (p.GetProperty("provision").GetString(), p.GetProperty("endDate").ToString()))
            .ShouldBe([("E", ""), ("K", "2020-03-01"), ("A", "2014-08-31")]);

        object[] bad =
        [
            new { pupilExternalId = "S2", provision = "X", startDate = "2025-01-06" },
            new { pupilExternalId = "S2", provision = "K", startDate = "2025-02-03" },
            new { pupilExternalId = "S2", provision = "N", startDate = "2025-03-03", needs = new[] { new { type = "MLD", rank = 1 } } },
            new { pupilExternalId = "S2", provision = "K", startDate = "2025-04-07", needs = new[] { new { type = "MLD", rank = 1 }, new { type = "HI", rank = 1 } } },
            new { pupilExternalId = "S1", provision = "K", startDate = "2019-01-07", endDate = "2020-06-01", needs = new[] { new { type = "MLD", rank = 1 } } },
            new { pupilExternalId = "NOBODY", provision = "N", startDate = "2025-01-06" },
        ];
        var refused = await ImportAsync(api, school, "sen", bad, HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("rejected").GetInt32().ShouldBe(6);
        var errors = refused.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString(), e.GetProperty("message").GetString())).ToList();
        errors.ShouldContain(e => e.Item1 == 1 && e.Item2 == "provision");
        errors.ShouldContain(e => e.Item1 == 2 && e.Item2 == "needs");
        errors.ShouldContain(e => e.Item1 == 3 && e.Item2 == "needs");
        errors.ShouldContain(e => e.Item1 == 4 && e.Item2 == "needs[1].rank");
        errors.ShouldContain(e => e.Item1 == 5 && e.Item3!.Contains("overlaps"));
        errors.ShouldContain(e => e.Item1 == 6 && e.Item2 == "pupilExternalId");
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/reconciliation", Ct)).ToString().ShouldContain("\"sen\"");
        var record = await app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(new GetPupilSenQuery(pupilId), Ct));
        record.Periods.Count.ShouldBe(3); // nothing of the refused file was written
    }

    [Fact]
    public async Task Sen_unit_and_resourced_provision_are_kept_per_period_on_the_form_the_import_and_the_census_status_and_audited()
    {
        var (school, api) = await ImportSchoolAsync();
        using var _ = api;
        await ImportAsync(api, school, "pupils", new[] { Pupil(1), Pupil(2) }, HttpStatusCode.OK);
        object[] rows =
        [
            new { pupilExternalId = "S1", provision = "K", startDate = "2024-09-02", endDate = "2025-08-31", needs = new[] { new { type = "MLD", rank = 1 } } },
            new { pupilExternalId = "S1", provision = "K", startDate = "2025-09-01", needs = new[] { new { type = "MLD", rank = 1 } }, senUnit = true },
            new { pupilExternalId = "S2", provision = "E", startDate = "2025-09-01", needs = new[] { new { type = "HI", rank = 1 } }, resourcedProvision = true },
        ];
        (await ImportAsync(api, school, "sen", rows, HttpStatusCode.OK)).GetProperty("created").GetInt32().ShouldBe(3);
        (await ImportAsync(api, school, "sen", rows, HttpStatusCode.OK)).GetProperty("unchanged").GetInt32().ShouldBe(3);
        // A row that leaves them out (a CTF, an older export) keeps what the period records.
        (await ImportAsync(api, school, "sen", new[] { new { pupilExternalId = "S1", provision = "K", startDate = "2025-09-01",
            needs = new[] { new { type = "MLD", rank = 1 } } } }, HttpStatusCode.OK)).GetProperty("unchanged").GetInt32().ShouldBe(1);
        var refused = await ImportAsync(api, school, "sen", new[] { new { pupilExternalId = "S1", provision = "K", startDate = "2025-09-01", senUnit = "yes" } },
            HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe("senUnit");

        var status = await app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(new GetSenStatusQuery(new DateOnly(2025, 10, 2)), Ct));
        status.Select(s => (s.Provision, s.SenUnit, s.ResourcedProvision)).ShouldBe([("K", true, false), ("E", false, true)], ignoreOrder: true);
        var earlier = await app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(new GetSenStatusQuery(new DateOnly(2025, 1, 16)), Ct));
        earlier.Single().SenUnit.ShouldBeFalse("the earlier period was not in the unit");

        // The office takes the pupil out of the unit on the period's page; the change is in the history.
        var pupilId = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils?search=Needs1", Ct)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var sen = await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils/{pupilId}/sen", Ct);
        var current = sen.GetProperty("periods")[0];
        current.GetProperty("senUnit").GetBoolean().ShouldBeTrue();
        using var admin = await app.SignInNewUserAsync("SchoolAdmin", [school.Slug]);
        var periodPage = $"/schools/{school.Slug}/sen/pupils/{pupilId}/periods/{current.GetProperty("id").GetGuid()}";
        var form = await admin.GetStringAsync(periodPage, Ct);
        form.ShouldContain("<label for=\"SenUnit\">Attends an SEN unit</label>");
        form.ShouldContain("<label for=\"ResourcedProvision\">In resourced provision</label>");
        (await admin.GetStringAsync($"/schools/{school.Slug}/sen/pupils/{pupilId}", Ct)).ShouldContain("<dt>Setting</dt><dd>SEN unit</dd>");
        (await admin.GetStringAsync($"/schools/{school.Slug}/pupils/{pupilId}", Ct)).ShouldContain("<dt>Setting</dt><dd>SEN unit</dd>");

        var saved = await SchoolMisApp.PostFormAsync(admin, periodPage, "sen-period", new()
        {
            ["Form.Provision"] = "K", ["Form.StartDate"] = "2025-09-01", ["Form.PrimaryNeed"] = "MLD", ["Form.ResourcedProvision"] = "true",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync(Ct));
        var record = await app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(new GetPupilSenQuery(pupilId), Ct));
        var period = record.Periods.First();
        (period.SenUnit, period.ResourcedProvision).ShouldBe((false, true));
        record.History.ShouldContain(h => h.EntityId == period.Id && h.Action == "Modified" && h.Changes["SenUnit"].New == "false");
        (await admin.GetStringAsync($"/schools/{school.Slug}/sen/pupils/{pupilId}", Ct)).ShouldContain("<dt>Setting</dt><dd>Resourced provision</dd>");
    }

    private static string CtfWithSen(TestSchool school, string upn, string sen) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <CTfile>
          <Header>
            <DocumentName>Common Transfer File</DocumentName><CTFversion>26.0</CTFversion><DateTime>2026-03-01T10:30:00</DateTime>
            <DocumentQualifier>full</DocumentQualifier><SupplierID>OLDMIS</SupplierID>
            <SourceSchool><LEA>999</LEA><Estab>1001</Estab><SchoolName>Previous Primary</SchoolName><AcademicYear>2025</AcademicYear></SourceSchool>
            <DestSchool><LEA>{school.LaCode}</LEA><Estab>{school.Estab}</Estab></DestSchool>
          </Header>
          <CTFpupilData>
            <Pupil><UPN>{upn}</UPN><Surname>CTFSEN</Surname><Forename>Robin</Forename><DOB>2015-04-01</DOB><Sex>M</Sex>
              <BasicDetails><NCyearActual>5</NCyearActual></BasicDetails>
              {sen}
            </Pupil>
          </CTFpupilData>
        </CTfile>
        """;

    private async Task<(HttpStatusCode Status, JsonElement Report)> PostCtfAsync(HttpClient api, TestSchool school, string xml)
    {
        using var content = new StringContent(xml, Encoding.UTF8, "application/xml");
        var response = await api.PostAsync($"/api/v1/schools/{school.Slug}/imports/ctf", content, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    [Fact]
    public async Task A_ctf_senhistory_is_imported_as_history_with_the_current_needs_and_no_longer_skipped()
    {
        var (school, api) = await ImportSchoolAsync();
        using var _ = api;
        var upn = Upn(50);
        const string history = """
            <SENhistory>
              <SEN><StartDate>2019-09-04</StartDate><SENprovision>P</SENprovision></SEN>
              <SEN><StartDate>2021-01-04</StartDate><SENprovision>K</SENprovision></SEN>
              <SENneeds><SENneed><SENtype>SPLD</SENtype><SENtypeRank>1</SENtypeRank></SENneed><SENneed><SENtype>VI</SENtype><SENtypeRank>2</SENtypeRank></SENneed></SENneeds>
            </SENhistory>
            """;
        var (status, report) = await PostCtfAsync(api, school, CtfWithSen(school, upn, history));
        status.ShouldBe(HttpStatusCode.OK, report.ToString() + app.ServerErrors);
        var section = report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("dataset").GetString() == "sen");
        section.GetProperty("created").GetInt32().ShouldBe(2);
        report.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("element").GetString()).ShouldNotContain(e => e!.StartsWith("SENhistory"));

        var again = await PostCtfAsync(api, school, CtfWithSen(school, upn, history));
        again.Report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("dataset").GetString() == "sen").GetProperty("unchanged").GetInt32().ShouldBe(2);

        var pupilId = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{school.Slug}/pupils?search={upn}", Ct)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var status2 = await app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(new GetSenStatusQuery(new(2020, 6, 1), [pupilId]), Ct));
        status2.ShouldHaveSingleItem().Provision.ShouldBe("P");
        var now = await app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(new GetSenStatusQuery(new(2026, 3, 1), [pupilId]), Ct));
        now.ShouldHaveSingleItem().Needs.ShouldBe([new SenNeedRank("SPLD", 1), new SenNeedRank("VI", 2)]);

        // A current K with no needs is refused with the CTF element named, and nothing of the file is written.
        var bad = await PostCtfAsync(api, school, CtfWithSen(school, Upn(51), "<SENhistory><SEN><StartDate>2024-09-04</StartDate><SENprovision>K</SENprovision></SEN></SENhistory>"));
        bad.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, bad.Report.ToString());
        bad.Report.GetProperty("errors").EnumerateArray().ShouldContain(e => e.GetProperty("section").GetString() == "sen"
            && e.GetProperty("field").GetString() == "SENhistory/SENneeds");
    }
}

public sealed class SenTestsOnSqlite(SqliteApp app) : SenTests<SqliteApp>(app);
public sealed class SenTestsOnPostgres(PostgresApp app) : SenTests<PostgresApp>(app);
