using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SchoolMis.Benchmarks;

/// <summary>
/// The real app, configured as production is, on a real loopback socket (Kestrel) in this process, migrated on
/// start-up, with a bootstrap platform client so the benchmark can provision schools and API clients over HTTP.
/// </summary>
internal sealed class BenchApp : WebApplicationFactory<global::Program>
{
    public const string PlatformClientId = "bench-platform";
    private readonly string _platformSecret = $"bench-{Guid.NewGuid():N}";
    private readonly string _provider;
    private readonly string _connectionString;

    public BenchApp(string provider, string connectionString)
    {
        _provider = provider;
        _connectionString = connectionString;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Warnings and errors the server logged (logging is otherwise off, so it does not dominate).</summary>
    public ServerLog Log { get; } = new();

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", _provider);
        builder.UseSetting("ConnectionStrings:SchoolMis", _connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Platform:BootstrapClient:ClientId", PlatformClientId);
        builder.UseSetting("Platform:BootstrapClient:ClientSecret", _platformSecret);
        builder.UseSetting("Auth:DisableTransportSecurity", "true");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Warning);
            logging.AddProvider(Log);
        });
    }

    /// <summary>A client that talks to the server over the socket, as a migration tool or LA system would.</summary>
    public HttpClient NewClient(string? bearer = null)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (bearer is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    public async Task<string> TokenAsync(string clientId, string secret, string scope)
    {
        using var client = NewClient();
        using var response = await client.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope,
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Token request for {clientId} failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task<HttpClient> PlatformAsync() => NewClient(await TokenAsync(PlatformClientId, _platformSecret, "schoolmis.platform"));

    /// <summary>Provisions a school through the platform API; returns its id and slug.</summary>
    public async Task<(Guid Id, string Slug, string Estab)> ProvisionSchoolAsync(HttpClient platform, string name, string laCode = "801")
    {
        for (var attempt = 0; ; attempt++)
        {
            var estab = Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var slug = $"bench-{Guid.NewGuid():N}"[..20];
            using var response = await platform.PostAsJsonAsync("/api/v1/platform/schools",
                new { slug, name, laCode, estab, urn = $"1{estab}0", phase = "SS" });
            if (response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
                continue; // the random establishment number was taken
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"Provisioning failed: {(int)response.StatusCode} {body}");
            return (JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid(), slug, estab);
        }
    }

    /// <summary>Registers an API client for the given schools and scopes; returns its id and secret.</summary>
    public static Task<(string ClientId, string Secret)> RegisterClientAsync(HttpClient platform, string[] schools, params string[] scopes) =>
        RegisterClientAsync(platform, schools, null, scopes);

    /// <summary>Registers an API client for the given schools, or for every school of one LA, with these scopes.</summary>
    public static async Task<(string ClientId, string Secret)> RegisterClientAsync(HttpClient platform, string[]? schools, string? laCode, string[] scopes)
    {
        var clientId = $"bench-client-{Guid.NewGuid():N}";
        using var response = await platform.PostAsJsonAsync("/api/v1/platform/clients",
            new { clientId, displayName = "Benchmark client", schools, laCode, scopes });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Client registration failed: {(int)response.StatusCode} {body}");
        return (clientId, JsonDocument.Parse(body).RootElement.GetProperty("clientSecret").GetString()!);
    }
}

/// <summary>Counts what the server logs at Warning and above, keeping the first few messages to show.</summary>
internal sealed class ServerLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _first = new();
    private int _warnings;
    private int _errors;

    public int Warnings => _warnings;
    public int Errors => _errors;
    public IReadOnlyCollection<string> FirstMessages => _first;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Reset()
    {
        _warnings = 0;
        _errors = 0;
        _first.Clear();
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            if (logLevel >= LogLevel.Error)
                Interlocked.Increment(ref log._errors);
            else
                Interlocked.Increment(ref log._warnings);
            if (log._first.Count < 5)
                log._first.Enqueue($"{logLevel} {category}: {Truncate(formatter(state, exception))}{(exception is null ? "" : " | " + Truncate(exception.Message))}");
        }

        private static string Truncate(string s) => s.Length <= 300 ? s : s[..300] + "...";
    }
}
