using System.Text.Json;
using Microsoft.Playwright;
using SchoolMis.Platform.Identifiers;
using static Microsoft.Playwright.Assertions;

namespace SchoolMis.E2E;

public sealed class MigrationJourneyTests(GatedMigrationApp app) : IClassFixture<GatedMigrationApp>
{
    private static async Task<string> WriteFileAsync(string name, string content)
    {
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-{name}");
        await File.WriteAllTextAsync(file, content, TestContext.Current.CancellationToken);
        return file;
    }

    private static async Task CheckAsync(IPage page, string dataset, string file)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Migration" }).ClickAsync();
        await page.GetByLabel("Dataset").SelectOptionAsync(dataset);
        await page.GetByLabel("File (JSON array").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check file" }).ClickAsync();
    }

    [Fact]
    public async Task A_school_admin_uploads_a_pupils_file_sees_the_check_confirms_watches_the_load_and_finds_the_pupils()
    {
        var rows = Enumerable.Range(1, 3).Select(n =>
        {
            var rest = $"80199992600{n}";
            return new
            {
                externalId = $"SIMS-{n}", upn = Upn.CheckLetter(rest) + rest, surname = $"Migrated{(char)('A' + n)}", forename = "Robin",
                dateOfBirth = "2017-05-04", sex = "M", admissionNumber = $"80000{n}", admissionDate = "2022-09-05", enrolmentStatus = "C", ncYear = "4",
            };
        }).ToList();
        var file = await WriteFileAsync("pupils.json", JsonSerializer.Serialize(rows, JsonSerializerOptions.Web));

        var page = await app.SignInAsync("admin@oakfield.test");
        await CheckAsync(page, "pupils", file);

        var check = page.Locator("#dry-run");
        await Expect(check).ToContainTextAsync("3 rows read");
        await Expect(check).ToContainTextAsync("3 new");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsFolder, "migration-dry-run.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
        await page.GetByRole(AriaRole.Button, new() { Name = "Load 3 rows" }).ClickAsync();

        // Confirming queues a job and opens its progress page.
        await page.WaitForURLAsync(url => url.Contains("/migration/jobs/"));
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Rows processed" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Status:" })).ToContainTextAsync("Succeeded");
        await Expect(page.Locator("#job-count")).ToHaveTextAsync("3 of 3 rows");
        await Expect(page.Locator("#migration-done")).ToContainTextAsync("3 created");
        await Expect(page.Locator("#reconciliation")).ToContainTextAsync("pupils");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsFolder, "migration-job-pupils.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

        // The same upload cannot be loaded twice: back on the Migration page the load is listed, the check is gone.
        await page.GetByRole(AriaRole.Link, new() { Name = "Load the next file" }).ClickAsync();
        await Expect(page.Locator("#recent-jobs")).ToContainTextAsync("pupils");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Pupils" }).ClickAsync();
        await page.GetByLabel("Name, UPN or admission number").FillAsync("migrated");
        await page.GetByLabel("Name, UPN or admission number").PressAsync("Enter");
        await Expect(page.Locator("#result-count")).ToContainTextAsync("3 pupils matching");
        File.Delete(file);
    }

    [Fact]
    public async Task The_progress_page_moves_its_bar_while_the_load_runs_and_shows_the_report_without_reloading()
    {
        var file = await WriteFileAsync("gated.ndjson", string.Join("\n", Enumerable.Range(1, 1000).Select(n => $"{{\"n\":{n}}}")));
        try
        {
            var page = await app.SignInAsync("admin@oakfield.test");
            await CheckAsync(page, GatedDataset.DatasetName, file);
            await Expect(page.Locator("#dry-run")).ToContainTextAsync("1000 rows read");
            await page.GetByRole(AriaRole.Button, new() { Name = "Load 1000 rows" }).ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("/migration/jobs/"));
            await page.EvaluateAsync("() => { window.notReloaded = true; }");

            // The load waits at the gate half way: the script polls and moves the bar to 500.
            var bar = page.GetByRole(AriaRole.Progressbar, new() { Name = "Rows processed" });
            await Expect(page.Locator("#job-status")).ToContainTextAsync("Running");
            await Expect(page.Locator("#job-count")).ToHaveTextAsync("500 of 1,000 rows");
            await Expect(bar).ToHaveAttributeAsync("max", "1000");
            await Expect(bar).ToHaveJSPropertyAsync("value", 500);
            await Expect(page.Locator("#job-status")).ToHaveAttributeAsync("aria-live", "polite");
            await Expect(page.Locator("#migration-done")).ToHaveCountAsync(0);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsFolder, "migration-job-running.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

            // Without script the same page says where the load is and refreshes itself.
            var noScript = await app.SignInAsync("admin@oakfield.test", javaScript: false);
            await noScript.GotoAsync(page.Url);
            await Expect(noScript.Locator("#job-count")).ToHaveTextAsync("500 of 1,000 rows");
            await Expect(noScript.GetByRole(AriaRole.Link, new() { Name = "Refresh" })).ToBeVisibleAsync();

            app.Gate.Open();

            await Expect(page.Locator("#job-status")).ToContainTextAsync("Succeeded");
            await Expect(page.Locator("#job-count")).ToHaveTextAsync("1,000 of 1,000 rows");
            await Expect(bar).ToHaveJSPropertyAsync("value", 1000);
            await Expect(page.Locator("#migration-done")).ToContainTextAsync("1,000 created");
            await Expect(page.Locator("#reconciliation")).ToContainTextAsync(GatedDataset.DatasetName);
            await Expect(page.Locator("#job-refresh")).ToHaveCountAsync(0);
            (await page.EvaluateAsync<bool>("() => window.notReloaded === true")).ShouldBeTrue("the page reloaded instead of updating in place");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsFolder, "migration-job-done.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

            await Expect(noScript.Locator("#job-status")).ToContainTextAsync("Succeeded"); // its meta refresh (every 3 s) got there
            await Expect(noScript.Locator("#migration-done")).ToContainTextAsync("1,000 created");
        }
        finally
        {
            app.Gate.Open(); // never leave the worker waiting for the other test
            File.Delete(file);
        }
    }
}
