using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SchoolMis.E2E;

public sealed class CensusJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_school_admin_fixes_a_census_error_checks_again_and_downloads_the_return()
    {
        var page = await app.SignInAsync("admin@oakfield.test");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "School Census" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("School Census");

        // The demo pupil whose ethnicity was never recorded.
        var errors = page.Locator("table#errors");
        var row = errors.GetByRole(AriaRole.Row).Filter(new() { HasText = "ETHNICITY-MISSING" });
        await Expect(row).ToHaveCountAsync(1);
        var name = (await row.GetByRole(AriaRole.Rowheader).InnerTextAsync()).Trim();
        var upn = (await row.Locator("td.mono").First.InnerTextAsync()).Trim();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsFolder, "census-errors.png"), FullPage = true });

        await row.GetByRole(AriaRole.Link, new() { Name = $"Edit pupil details for {name}" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/pupils/[0-9a-f-]+/edit$"));
        await Expect(page.GetByLabel("Ethnicity")).ToHaveValueAsync("");
        await page.GetByLabel("Ethnicity").SelectOptionAsync("WBRI");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("saved=true"));

        await page.GoBackAsync();
        await page.GoBackAsync(); // back past the edit page to the census page
        await page.WaitForURLAsync(new Regex("/census$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check again" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Checked just now" })).ToBeVisibleAsync();
        await Expect(page.Locator("table#errors tr").Filter(new() { HasText = upn })).ToHaveCountAsync(0);
        await Expect(page.Locator("main")).Not.ToContainTextAsync("ETHNICITY-MISSING");
        await Expect(page.Locator(".stat").Filter(new() { HasText = "errors to fix" }).Locator(".stat-value")).ToHaveTextAsync("0");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the return" }).ClickAsync());
        download.SuggestedFilename.ShouldMatch(@"^8012345_SC[123]_801LL\d{2}_\d{3}\.XML$");
        var file = Path.Combine(BrowserApp.ArtifactsFolder, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        var xml = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        // The pupil is in the return, with the ethnicity just recorded.
        var pupil = System.Xml.Linq.XDocument.Parse(xml).Descendants().Where(e => e.Name.LocalName == "UPN" && e.Value == upn)
            .Select(e => e.Parent!.Parent!).ShouldHaveSingleItem();
        pupil.Descendants().Single(e => e.Name.LocalName == "Ethnicity").Value.ShouldBe("WBRI");
    }
}
