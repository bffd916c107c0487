using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.IntegrationTests.TestKit;
using SchoolMis.Platform.Tenancy;
using SchoolMis.Pupils.Data;
using SchoolMis.Pupils.Domain;
using SchoolMis.Pupils.Features.ListPupils;

namespace SchoolMis.IntegrationTests;

/// <summary>No school ever sees another school's data: through the API, the pages or the data layer.</summary>
public abstract class IsolationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_of_school_a_gets_404_for_every_school_b_route_exactly_as_for_a_school_that_does_not_exist()
    {
        var a = await app.ProvisionSchoolAsync();
        var b = await app.ProvisionSchoolAsync();
        var pupilA = await app.AddPupilAsync(a, "Ashworth");
        var pupilB = await app.AddPupilAsync(b, "Bramley");
        var (id, secret) = await app.RegisterClientAsync([a.Slug], null, "schoolmis.read", "schoolmis.import", "schoolmis.census");
        using var api = await app.ApiAsync(id, secret, "schoolmis.read schoolmis.import schoolmis.census");

        // Its own school works.
        var own = await api.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{a.Slug}/pupils", Ct);
        own.GetProperty("total").GetInt32().ShouldBe(1);
        (await api.GetAsync($"/api/v1/schools/{a.Slug}/pupils/{pupilA}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var unknown = await api.GetAsync("/api/v1/schools/no-such-school/pupils", Ct);
        var unknownBody = await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct);
        foreach (var route in new[]
        {
            $"/api/v1/schools/{b.Slug}/pupils",
            $"/api/v1/schools/{b.Slug}/pupils?search=Bramley",
            $"/api/v1/schools/{b.Slug}/pupils/{pupilB}",
            $"/api/v1/schools/{b.Slug}/pupils/{pupilA}",
        })
        {
            var response = await api.GetAsync(route, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, route);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            body.GetProperty("detail").GetString().ShouldBe(unknownBody.GetProperty("detail").GetString(), route);
            body.ToString().ShouldNotContain("Bramley");
        }

        // And B's pupil through A's own route is simply not there.
        (await api.GetAsync($"/api/v1/schools/{a.Slug}/pupils/{pupilB}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_client_granted_an_la_reaches_every_school_of_that_la_and_no_other()
    {
        var inLa1 = await app.ProvisionSchoolAsync("881");
        var inLa2 = await app.ProvisionSchoolAsync("881");
        var elsewhere = await app.ProvisionSchoolAsync("882");
        var (id, secret) = await app.RegisterClientAsync(null, "881", "schoolmis.read");
        using var api = await app.ApiAsync(id, secret, "schoolmis.read");

        (await api.GetAsync($"/api/v1/schools/{inLa1.Slug}/pupils", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync($"/api/v1/schools/{inLa2.Slug}/pupils", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync($"/api/v1/schools/{elsewhere.Slug}/pupils", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_teacher_of_school_a_cannot_open_school_b_pupil_pages()
    {
        var a = await app.ProvisionSchoolAsync();
        var b = await app.ProvisionSchoolAsync();
        var pupilA = await app.AddPupilAsync(a, "Ainsworth");
        var pupilB = await app.AddPupilAsync(b, "Blackwood");
        using var teacher = await app.SignInNewUserAsync("Teacher", [a.Slug]);

        var ownList = await teacher.GetAsync($"/schools/{a.Slug}/pupils", Ct);
        ownList.StatusCode.ShouldBe(HttpStatusCode.OK);
        ownList.Headers.CacheControl!.NoStore.ShouldBeTrue(); // shared office computers: never cache a pupil list
        var html = await ownList.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Ainsworth");
        html.ShouldNotContain("Blackwood");
        (await teacher.GetAsync($"/schools/{a.Slug}/pupils/{pupilA}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, app.ServerErrors.ToString());

        foreach (var page in new[]
        {
            $"/schools/{b.Slug}", $"/schools/{b.Slug}/pupils", $"/schools/{b.Slug}/pupils/{pupilB}",
            $"/schools/{b.Slug}/groups", $"/schools/{b.Slug}/pupils/{pupilB}/edit",
        })
        {
            var response = await teacher.GetAsync(page, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{page}\n{app.ServerErrors}");
            (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain("Blackwood");
        }

        // B's pupil id under A's own address is not found either.
        (await teacher.GetAsync($"/schools/{a.Slug}/pupils/{pupilB}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, app.ServerErrors.ToString());
    }

    [Fact]
    public async Task A_teacher_may_look_but_not_add_or_edit()
    {
        var a = await app.ProvisionSchoolAsync();
        var pupil = await app.AddPupilAsync(a, "Carver");
        using var teacher = await app.SignInNewUserAsync("Teacher", [a.Slug]);

        var add = await teacher.GetAsync($"/schools/{a.Slug}/pupils/new", Ct);
        add.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        add.Headers.Location!.ToString().ShouldContain("/account/access-denied");
        (await teacher.GetAsync($"/schools/{a.Slug}/pupils/{pupil}/edit", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_data_layer_filters_every_query_and_refuses_to_write_across_schools()
    {
        var a = await app.ProvisionSchoolAsync();
        var b = await app.ProvisionSchoolAsync();
        var pupilB = await app.AddPupilAsync(b, "Dunmore");
        await app.AddPupilAsync(a, "Ellery");

        await app.InSchoolAsync(a.Id, async (sender, services) =>
        {
            var db = services.GetRequiredService<PupilsDbContext>();
            (await db.Pupils.AnyAsync(p => p.Id == pupilB, Ct)).ShouldBeFalse();
            (await db.Pupils.Select(p => p.Surname).ToListAsync(Ct)).ShouldBe(["Ellery"]);
            (await sender.Send(new ListPupilsQuery("Dunmore"), Ct)).Total.ShouldBe(0);

            // A bulk update aimed at B's pupil touches nothing.
            (await db.Pupils.Where(p => p.Id == pupilB).ExecuteUpdateAsync(s => s.SetProperty(p => p.Surname, "Changed"), Ct)).ShouldBe(0);

            // Writing a row stamped with another school is refused before it reaches the database.
            var stray = new Pupil { Upn = TestPupils.NewUpn(), Surname = "Stray", Forename = "S", Sex = "M", AdmissionNumber = "999", EnrolmentStatus = "C", NcYear = "1" };
            db.Pupils.Add(stray);
            db.Entry(stray).Property(p => p.TenantId).CurrentValue = b.Id;
            await Should.ThrowAsync<TenantMismatchException>(() => db.SaveChangesAsync(Ct));
            return 0;
        });

        await app.InSchoolAsync(b.Id, async (_, services) =>
        {
            var surname = await services.GetRequiredService<PupilsDbContext>().Pupils.Where(p => p.Id == pupilB).Select(p => p.Surname).SingleAsync(Ct);
            surname.ShouldBe("Dunmore");
            return 0;
        });
    }

    [Fact]
    public async Task School_use_cases_refuse_to_run_without_a_school()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<Mediator.ISender>();
        var error = await Should.ThrowAsync<InvalidOperationException>(async () => await sender.Send(new ListPupilsQuery(), Ct));
        error.Message.ShouldContain("needs a school");
    }
}

public sealed class IsolationTestsOnSqlite(SqliteApp app) : IsolationTests<SqliteApp>(app);
public sealed class IsolationTestsOnPostgres(PostgresApp app) : IsolationTests<PostgresApp>(app);
