using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SchoolMis.IntegrationTests.TestKit;

namespace SchoolMis.IntegrationTests;

public abstract class ProvisioningTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> SchoolCountAsync(HttpClient platform) =>
        (await platform.GetFromJsonAsync<JsonElement>("/api/v1/platform/schools", Ct)).GetArrayLength();

    [Fact]
    public async Task Two_schools_are_provisioned_and_listed()
    {
        using var platform = await app.PlatformAsync();
        var before = await SchoolCountAsync(platform);

        var a = await platform.PostAsJsonAsync("/api/v1/platform/schools",
            new { slug = "st-marys-ce-primary", name = "St Mary's CE Primary", laCode = "801", estab = "3301", urn = "109201", phase = "PS" }, Ct);
        var b = await platform.PostAsJsonAsync("/api/v1/platform/schools",
            new { slug = "brunel-academy", name = "Brunel Academy", laCode = "803", estab = "4001", urn = "137001", phase = "SS" }, Ct);

        a.StatusCode.ShouldBe(HttpStatusCode.Created);
        b.StatusCode.ShouldBe(HttpStatusCode.Created);
        a.Headers.Location!.ToString().ShouldBe("/api/v1/platform/schools/st-marys-ce-primary");
        var created = await b.Content.ReadFromJsonAsync<JsonElement>(Ct);
        created.GetProperty("laCode").GetString().ShouldBe("803");
        created.GetProperty("status").GetString().ShouldBe("Active");

        var list = await platform.GetFromJsonAsync<JsonElement>("/api/v1/platform/schools", Ct);
        list.GetArrayLength().ShouldBe(before + 2);
        list.EnumerateArray().Select(s => s.GetProperty("slug").GetString()).ShouldContain("brunel-academy");
    }

    [Fact]
    public async Task A_taken_slug_or_dfe_number_answers_409_and_writes_nothing()
    {
        using var platform = await app.PlatformAsync();
        (await platform.PostAsJsonAsync("/api/v1/platform/schools",
            new { slug = "hillside-infants", name = "Hillside Infants", laCode = "802", estab = "2101", urn = "120001", phase = "PS" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = await SchoolCountAsync(platform);

        var sameSlug = await platform.PostAsJsonAsync("/api/v1/platform/schools",
            new { slug = "hillside-infants", name = "Another", laCode = "802", estab = "2102", urn = "120002", phase = "PS" }, Ct);
        var sameDfeNumber = await platform.PostAsJsonAsync("/api/v1/platform/schools",
            new { slug = "hillside-two", name = "Another", laCode = "802", estab = "2101", urn = "120003", phase = "PS" }, Ct);

        sameSlug.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        sameDfeNumber.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await sameDfeNumber.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!.ShouldContain("8022101");
        (await SchoolCountAsync(platform)).ShouldBe(before);
    }

    [Fact]
    public async Task Invalid_input_answers_400_naming_each_field_and_writes_nothing()
    {
        using var platform = await app.PlatformAsync();
        var before = await SchoolCountAsync(platform);

        var response = await platform.PostAsJsonAsync("/api/v1/platform/schools",
            new { slug = "Bad Slug!", name = "", laCode = "8", estab = "12", urn = "x", phase = "ZZ" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(["slug", "name", "laCode", "estab", "urn", "phase"], ignoreOrder: true);
        errors.GetProperty("laCode")[0].GetString().ShouldBe("The LA code is 3 digits (e.g. 801).");
        (await SchoolCountAsync(platform)).ShouldBe(before);
    }

    [Fact]
    public async Task Malformed_json_answers_400_problem_details()
    {
        using var platform = await app.PlatformAsync();
        var response = await platform.PostAsync("/api/v1/platform/schools",
            new StringContent("{ \"slug\": ", System.Text.Encoding.UTF8, "application/json"), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Users_are_created_with_a_one_time_password_and_bad_requests_name_the_field()
    {
        var school = await app.ProvisionSchoolAsync();
        using var platform = await app.PlatformAsync();

        var created = await platform.PostAsJsonAsync("/api/v1/platform/users",
            new { email = $"head-{Guid.NewGuid():N}@school.test", displayName = "Head", role = "SchoolAdmin", schools = new[] { school.Slug } }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("oneTimePassword").GetString()!.Length.ShouldBeGreaterThanOrEqualTo(16);

        var badRole = await platform.PostAsJsonAsync("/api/v1/platform/users",
            new { email = "x@school.test", displayName = "X", role = "Headmaster", schools = new[] { school.Slug } }, Ct);
        badRole.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badRole.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("role", out _).ShouldBeTrue();

        var unknownSchool = await platform.PostAsJsonAsync("/api/v1/platform/users",
            new { email = "y@school.test", displayName = "Y", role = "Teacher", schools = new[] { "no-such-school" } }, Ct);
        unknownSchool.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await unknownSchool.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("schools", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_client_secret_is_shown_once_and_a_duplicate_client_id_is_refused()
    {
        var school = await app.ProvisionSchoolAsync();
        using var platform = await app.PlatformAsync();
        var body = new { clientId = $"migrator-{Guid.NewGuid():N}", displayName = "Migrator", schools = new[] { school.Slug }, scopes = new[] { "schoolmis.import" } };

        var first = await platform.PostAsJsonAsync("/api/v1/platform/clients", body, Ct);
        var second = await platform.PostAsJsonAsync("/api/v1/platform/clients", body, Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("clientSecret").GetString()!.Length.ShouldBeGreaterThanOrEqualTo(32);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Health_checks_the_database_and_the_api_is_described()
    {
        using var client = app.CreateClient();
        var health = await client.GetAsync("/health", Ct);
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await health.Content.ReadAsStringAsync(Ct)).ShouldBe("Healthy");

        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        // Every route of the API.md contract is published.
        string[] contract =
        [
            "/api/v1/platform/schools", "/api/v1/platform/clients", "/api/v1/platform/users",
            "/api/v1/schools/{school}/imports/{dataset}", "/api/v1/schools/{school}/imports/ctf", "/api/v1/schools/{school}/imports/photos",
            "/api/v1/schools/{school}/import-jobs/{id}", "/api/v1/schools/{school}/reconciliation", "/api/v1/schools/{school}/pupils",
            "/api/v1/schools/{school}/registers/{group}/{date}/{session}", // API.md's {groupExternalId}
            "/api/v1/schools/{school}/census/{year}/{term}", "/api/v1/schools/{school}/census/{year}/{term}/validation",
            "/api/v1/las/{la}/census/{year}/{term}", "/api/v1/schools/{school}/ctf/{upn}",
        ];
        contract.Where(route => !paths.Contains(route)).ShouldBeEmpty();
    }
}

public sealed class ProvisioningTestsOnSqlite(SqliteApp app) : ProvisioningTests<SqliteApp>(app);
public sealed class ProvisioningTestsOnPostgres(PostgresApp app) : ProvisioningTests<PostgresApp>(app);
