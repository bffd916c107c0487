using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.IntegrationTests.TestKit;

/// <summary>
/// The real app over real HTTP (in-memory TestServer) on a database of its own. Subclasses choose the provider;
/// each test class gets a fresh database, migrated by the app's own start-up path.
/// </summary>
public abstract partial class SchoolMisApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string PlatformClientId = "test-platform";
    public const string PlatformClientSecret = "test-platform-secret-do-not-use";

    /// <summary>What the server logged as errors; put it in assertion messages.</summary>
    public ServerErrorLog ServerErrors { get; } = new();

    protected abstract string Provider { get; }
    protected abstract string ConnectionString { get; }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:SchoolMis", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Platform:BootstrapClient:ClientId", PlatformClientId);
        builder.UseSetting("Platform:BootstrapClient:ClientSecret", PlatformClientSecret);
        builder.UseSetting("Auth:DisableTransportSecurity", "true");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Imports:MaxBodyBytes", (4 * 1024 * 1024).ToString());
        builder.ConfigureLogging(logging => logging.AddProvider(ServerErrors));
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret, string scope)
    {
        using var client = CreateClient();
        return await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope,
        }), TestContext.Current.CancellationToken);
    }

    public async Task<HttpClient> ApiAsync(string clientId, string secret, string scope)
    {
        var response = await RequestTokenAsync(clientId, secret, scope);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("access_token").GetString();
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> PlatformAsync() => ApiAsync(PlatformClientId, PlatformClientSecret, "schoolmis.platform");

    public async Task<TestSchool> ProvisionSchoolAsync(string la = "801")
    {
        var n = Random.Shared.Next(1000, 9999);
        var slug = $"school-{Guid.NewGuid():N}"[..20];
        using var platform = await PlatformAsync();
        var response = await platform.PostAsJsonAsync("/api/v1/platform/schools",
            new { slug, name = $"Test School {n}", laCode = la, estab = n.ToString(), urn = $"1{n}0", phase = "PS" }, TestContext.Current.CancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
            return await ProvisionSchoolAsync(la); // the random establishment number was taken; try another
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var school = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return new TestSchool(school.GetProperty("id").GetGuid(), slug, la, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<(string ClientId, string Secret)> RegisterClientAsync(string[]? schools, string? la, params string[] scopes)
    {
        var clientId = $"client-{Guid.NewGuid():N}";
        using var platform = await PlatformAsync();
        var response = await platform.PostAsJsonAsync("/api/v1/platform/clients",
            new { clientId, displayName = "Test client", schools, laCode = la, scopes }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return (clientId, body.GetProperty("clientSecret").GetString()!);
    }

    /// <summary>Creates a user through the platform API and signs them in, choosing a password on first sign-in.</summary>
    public async Task<HttpClient> SignInNewUserAsync(string role, string[]? schools, string? la = null) =>
        (await SignInNewUserWithIdAsync(role, schools, la)).Browser;

    public async Task<(HttpClient Browser, Guid UserId)> SignInNewUserWithIdAsync(string role, string[]? schools, string? la = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@school.test";
        using var platform = await PlatformAsync();
        var response = await platform.PostAsJsonAsync("/api/v1/platform/users",
            new { email, displayName = "Test User", role, schools, laCode = la }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var oneTimePassword = created.GetProperty("oneTimePassword").GetString()!;

        var browser = Browser();
        var login = await PostFormAsync(browser, "/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = oneTimePassword });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var next = LocalPath(login.Headers.Location!);
        next.ShouldStartWith("/account/change-password");

        var change = await PostFormAsync(browser, next, "change-password",
            new() { ["Input.Current"] = oneTimePassword, ["Input.New"] = "A-new-Passw0rd" });
        change.StatusCode.ShouldBe(HttpStatusCode.Redirect, await change.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (browser, created.GetProperty("id").GetGuid());
    }

    /// <summary>Posts a server-rendered form the way a browser does: GET the page, then POST with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, string formName, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(url, TestContext.Current.CancellationToken);
        var token = AntiforgeryToken().Match(page);
        token.Success.ShouldBeTrue($"no antiforgery token on {url}");
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        return await browser.PostAsync(url, new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
    }

    /// <summary>Redirects from server-rendered pages may be absolute; tests compare the path.</summary>
    public static string LocalPath(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.ToString();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>Runs a use case inside one school, as background work would.</summary>
    public async Task<T> InSchoolAsync<T>(Guid schoolId, Func<ISender, IServiceProvider, Task<T>> work) =>
        await Services.GetRequiredService<TenantScopeFactory>().RunAsync(schoolId,
            (sp, _) => work(sp.GetRequiredService<ISender>(), sp));
}

public sealed record TestSchool(Guid Id, string Slug, string LaCode, string Estab = "")
{
    public string LaEstab => LaCode + Estab;
}

public sealed class SqliteApp : SchoolMisApp
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"schoolmis-test-{Guid.NewGuid():N}.db");

    protected override string Provider => "Sqlite";
    protected override string ConnectionString => $"Data Source={_path}";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            File.Delete(file);
    }
}

/// <summary>
/// A throwaway database on the PostgreSQL server named by SCHOOLMIS_TEST_PG (the test script starts one).
/// Without it these tests fail rather than skip: a green run must mean PostgreSQL was tested.
/// </summary>
public sealed class PostgresApp : SchoolMisApp
{
    private readonly string _database = $"schoolmis_test_{Guid.NewGuid():N}";
    private static string AdminConnection => Environment.GetEnvironmentVariable("SCHOOLMIS_TEST_PG")
        ?? throw new InvalidOperationException("SCHOOLMIS_TEST_PG is not set: run ./test.sh, which starts a throwaway PostgreSQL.");

    protected override string Provider => "PostgreSql";
    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(AdminConnection) { Database = _database }.ConnectionString;

    public override async ValueTask InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnection);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnection);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
