using Microsoft.Playwright;
using SchoolMis.Platform.Identifiers;
using static Microsoft.Playwright.Assertions;

[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

namespace SchoolMis.E2E;

public sealed class PupilJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_school_admin_adds_a_pupil_fixes_a_wrong_upn_and_finds_the_pupil()
    {
        var page = await app.SignInAsync("admin@oakfield.test");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Oakfield Primary School");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Pupils" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a pupil" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Add a pupil");

        var rest = "801234526" + Random.Shared.Next(100, 999);
        var upn = Upn.CheckLetter(rest) + rest;
        var wrongUpn = (upn[0] == 'A' ? 'B' : 'A') + rest;

        await page.GetByLabel("Legal surname").FillAsync("Whitcombe");
        await page.GetByLabel("Legal forename").FillAsync("Esme");
        await page.GetByLabel("Date of birth").FillAsync("2018-06-21");
        await page.GetByLabel("Sex").SelectOptionAsync("F");
        await page.GetByLabel("UPN", new() { Exact = true }).FillAsync(wrongUpn);
        await page.GetByLabel("Admission number").FillAsync("900123");
        await page.GetByLabel("Admission date").FillAsync("2022-09-05");
        await page.GetByLabel("NC year").SelectOptionAsync("3");
        await page.GetByLabel("Registration group").SelectOptionAsync(new SelectOptionValue { Label = "3B – Year 3 Badgers" });
        await page.GetByLabel("Postcode").FillAsync("BS7 8AE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add pupil" }).ClickAsync();

        // Refused: the reason sits beside the UPN field, and everything typed is still there.
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved");
        await Expect(page.Locator(".validation-message")).ToHaveTextAsync("UPN invalid (wrong check letter at character 1).");
        await Expect(page.GetByLabel("Legal surname")).ToHaveValueAsync("Whitcombe");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsFolder, "add-pupil-wrong-upn.png"), FullPage = true });

        await page.GetByLabel("UPN", new() { Exact = true }).FillAsync(upn);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add pupil" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Pupil added.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Esme Whitcombe");

        await page.GetByRole(AriaRole.Link, new() { Name = "Pupils", Exact = true }).First.ClickAsync();
        await page.GetByLabel("Name, UPN or admission number").FillAsync("whitc");
        await page.GetByLabel("Name, UPN or admission number").PressAsync("Enter");
        await Expect(page.Locator("#result-count")).ToContainTextAsync("1 pupil matching");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Whitcombe" });
        await Expect(row).ToContainTextAsync(upn);
        await Expect(row).ToContainTextAsync("3B");

        // The same pupil is found by UPN too.
        await page.GetByLabel("Name, UPN or admission number").FillAsync(upn);
        await page.GetByLabel("Name, UPN or admission number").PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Whitcombe" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsFolder, "pupil-search.png"), FullPage = true });
    }

    [Fact]
    public async Task A_teacher_of_two_schools_switches_between_them_and_cannot_add_pupils()
    {
        var page = await app.SignInAsync("teacher@oakfield.test");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Choose a school");

        await page.GetByRole(AriaRole.Link, new() { Name = "Riverside Primary School" }).ClickAsync();
        await Expect(page.GetByLabel("Current school")).ToHaveTextAsync("Riverside Primary School");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Pupils" }).ClickAsync();
        await Expect(page.Locator("#result-count")).ToContainTextAsync("pupils");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add a pupil" })).ToHaveCountAsync(0);

        await page.GetByText("Switch school").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Oakfield Primary School" }).ClickAsync();
        await Expect(page.GetByLabel("Current school")).ToHaveTextAsync("Oakfield Primary School");
        await Expect(page.Locator(".stat-value").First).Not.ToHaveTextAsync("0");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsFolder, "teacher-dashboard.png"), FullPage = true });
    }
}
