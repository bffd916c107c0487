using System.Text.Json;
using Microsoft.Playwright;
using SchoolMis.Platform.Identifiers;
using static Microsoft.Playwright.Assertions;

namespace SchoolMis.E2E;

public sealed class MigrationJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_school_admin_uploads_a_pupils_file_sees_the_check_confirms_and_finds_the_pupils()
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
        var file = Path.Combine(Path.GetTempPath(), $"pupils-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(rows, JsonSerializerOptions.Web), TestContext.Current.CancellationToken);

        var page = await app.SignInAsync("admin@oakfield.test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Migration" }).ClickAsync();
        await page.GetByLabel("Dataset").SelectOptionAsync("pupils");
        await page.GetByLabel("File (JSON array").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check file" }).ClickAsync();

        var check = page.Locator("#dry-run");
        await Expect(check).ToContainTextAsync("3 rows read");
        await Expect(check).ToContainTextAsync("3 new");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsFolder, "migration-dry-run.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Load 3 rows" }).ClickAsync();
        await Expect(page.Locator("#migration-done")).ToContainTextAsync("3 created");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Pupils" }).ClickAsync();
        await page.GetByLabel("Name, UPN or admission number").FillAsync("migrated");
        await page.GetByLabel("Name, UPN or admission number").PressAsync("Enter");
        await Expect(page.Locator("#result-count")).ToContainTextAsync("3 pupils matching");
        File.Delete(file);
    }
}
