using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SchoolMis.IntegrationTests.TestKit;

namespace SchoolMis.IntegrationTests;

public abstract class TokenTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SchoolMisApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_gets_a_bearer_token_for_its_granted_scopes()
    {
        var school = await app.ProvisionSchoolAsync();
        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.read", "schoolmis.import");

        var response = await app.RequestTokenAsync(id, secret, "schoolmis.read schoolmis.import");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("token_type").GetString().ShouldBe("Bearer");
        body.GetProperty("access_token").GetString()!.Split('.').Length.ShouldBe(3); // a signed JWT
        body.GetProperty("expires_in").GetInt32().ShouldBeInRange(3590, 3600); // one hour
    }

    [Fact]
    public async Task A_wrong_secret_is_refused()
    {
        var school = await app.ProvisionSchoolAsync();
        var (id, _) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.read");

        var response = await app.RequestTokenAsync(id, "not-the-secret", "schoolmis.read");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString().ShouldBe("invalid_client");
    }

    [Fact]
    public async Task A_scope_the_client_was_not_granted_is_refused()
    {
        var school = await app.ProvisionSchoolAsync();
        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.read");

        var response = await app.RequestTokenAsync(id, secret, "schoolmis.platform");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        // OpenIddict answers invalid_request (ID2051) rather than invalid_scope here.
        error.GetProperty("error_description").GetString()!.ShouldContain("not allowed to use the specified scope");
    }

    [Fact]
    public async Task The_api_answers_401_without_a_token_and_with_a_tampered_one()
    {
        var school = await app.ProvisionSchoolAsync();
        using var anonymous = app.CreateClient();
        (await anonymous.GetAsync($"/api/v1/schools/{school.Slug}/pupils", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/v1/platform/schools", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.read");
        using var api = await app.ApiAsync(id, secret, "schoolmis.read");
        var token = api.DefaultRequestHeaders.Authorization!.Parameter!;
        api.DefaultRequestHeaders.Authorization = new("Bearer", token[..^4] + "AAAA");
        (await api.GetAsync($"/api/v1/schools/{school.Slug}/pupils", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_without_the_needed_scope_gets_403_problem_details()
    {
        var school = await app.ProvisionSchoolAsync();
        var (id, secret) = await app.RegisterClientAsync([school.Slug], null, "schoolmis.import");
        using var api = await app.ApiAsync(id, secret, "schoolmis.import");

        var response = await api.GetAsync($"/api/v1/schools/{school.Slug}/pupils", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!.ShouldContain("schoolmis.read");
        (await api.GetAsync("/api/v1/platform/schools", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class TokenTestsOnSqlite(SqliteApp app) : TokenTests<SqliteApp>(app);
public sealed class TokenTestsOnPostgres(PostgresApp app) : TokenTests<PostgresApp>(app);
