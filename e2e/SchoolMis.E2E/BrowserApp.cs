using SchoolMis.Attendance.Data;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace SchoolMis.E2E;

/// <summary>
/// The real app on a real socket (Kestrel), seeded with the demo schools as the README's run command does, and a
/// headless Debian Chromium driving it.
/// </summary>
public class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "E2e-Demo-Passw0rd";
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"schoolmis-e2e-{Guid.NewGuid():N}.db");
    private IPlaywright? _playwright;

    public BrowserApp() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl
    {
        get
        {
            StartServer();
            return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }
    }

    /// <summary>Screenshots and traces land in artifacts/e2e at the repository root.</summary>
    public static string ArtifactsFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SchoolMis.sln")))
                dir = dir.Parent;
            var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "e2e");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:SchoolMis", $"Data Source={_db}");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Password", Password);
        builder.ConfigureLogging(logging => logging.AddProvider(new ServerErrorFile(Path.Combine(ArtifactsFolder, "server-errors.log"))));
    }

    public async ValueTask InitializeAsync()
    {
        _ = BaseUrl; // start the server (migrates and seeds)
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SCHOOLMIS_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
            Timeout = 30_000,
        });
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _db, _db + "-wal", _db + "-shm" })
            File.Delete(file);
    }

    /// <summary>Signs in in a fresh browser context; <paramref name="javaScript"/> false checks a page's no-script fallback.</summary>
    /// <summary>Work inside the demo school (Oakfield), as background work would.</summary>
    public async Task<T> InDemoSchoolAsync<T>(Func<IServiceProvider, CancellationToken, Task<T>> work)
    {
        Guid schoolId;
        await using (var scope = Services.CreateAsyncScope())
            schoolId = scope.ServiceProvider.GetRequiredService<SchoolMis.Identity.Data.IdentityDataContext>().Schools.Single(s => s.Slug == "oakfield-primary").Id;
        return await Services.GetRequiredService<SchoolMis.Platform.Tenancy.TenantScopeFactory>().RunAsync(schoolId, work, TestContext.Current.CancellationToken);
    }

    /// <summary>The demo school's first school day from <paramref name="daysAhead"/> days after today (its registers are not taken yet).</summary>
    public Task<DateOnly> DemoSchoolDayAsync(int daysAhead = 0) => InDemoSchoolAsync(async (sp, ct) =>
    {
        var today = SchoolMis.Platform.SchoolCalendar.Today(Services.GetRequiredService<TimeProvider>());
        var calendar = await sp.GetRequiredService<SchoolMis.Attendance.Data.AttendanceDbContext>().LoadAsync(today, today.AddDays(daysAhead + 30), ct);
        return calendar.SchoolDays(today.AddDays(daysAhead), today.AddDays(daysAhead + 30)).First();
    });

    public async Task<IPage> SignInAsync(string email, bool javaScript = true)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = BaseUrl, Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 900 }, JavaScriptEnabled = javaScript,
        });
        // Generous: CI machines have 2 cores and the first request to each page compiles it.
        page.SetDefaultTimeout(30_000);
        page.SetDefaultNavigationTimeout(45_000);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        return page;
    }
}
