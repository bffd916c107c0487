using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SchoolMis.Attendance.Data;
using SchoolMis.Identity.Data;
using SchoolMis.Platform;
using SchoolMis.Platform.Tenancy;
using static Microsoft.Playwright.Assertions;

namespace SchoolMis.E2E;

public sealed class MedicalJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_office_adds_a_severe_allergy_and_the_tutor_sees_the_alert_on_the_register()
    {
        var day = await app.DemoSchoolDayAsync();

        // The office opens 3B's register to find its first pupil, then records a severe allergy on their medical record.
        var admin = await app.SignInAsync("admin@oakfield.test");
        await admin.GotoAsync($"/schools/oakfield-primary/attendance?date={day:yyyy-MM-dd}");
        await admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "3B" }).Filter(new() { HasText = "AM" }).GetByRole(AriaRole.Link).First.ClickAsync();
        var registerUrl = admin.Url;
        var firstRow = admin.Locator("table.register tbody tr").First;
        await Expect(firstRow.Locator(".alert-marker")).ToHaveCountAsync(0);
        var pupilId = await firstRow.Locator("input[name='Rows[0].PupilId']").InputValueAsync();

        await admin.GotoAsync($"/schools/oakfield-primary/pupils/{pupilId}");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Medical", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Add a condition, allergy, medication or dietary need" }).ClickAsync();
        await admin.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Allergy" });
        await admin.GetByLabel("Severity").SelectOptionAsync(new SelectOptionValue { Label = "Severe" });
        await admin.GetByLabel("Description").FillAsync("Sesame: anaphylaxis");
        await admin.GetByLabel("Notes (care plan, what to do)").FillAsync("Adrenaline pen in the class medical bag.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(admin.Locator("#medical-alert")).ToContainTextAsync("Medical alert: Severe allergy.");
        await Expect(admin.Locator("#medical-items")).ToContainTextAsync("Sesame: anaphylaxis");

        // The tutor of 3B sees the marker at a glance on the register, and its link opens the detail.
        var teacher = await app.SignInAsync("teacher@oakfield.test");
        await teacher.GotoAsync(registerUrl);
        var marker = teacher.Locator("table.register tbody tr").First.Locator(".alert-marker");
        await Expect(marker).ToBeVisibleAsync();
        await Expect(marker).ToHaveAttributeAsync("title", "Medical alert: Severe allergy");
        await Expect(marker).ToContainTextAsync("Medical");
        await teacher.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsFolder, "register-medical-alert.png"), FullPage = true });
        await marker.ClickAsync();
        await Expect(teacher.Locator("#medical-items")).ToContainTextAsync("Sesame: anaphylaxis");
        await Expect(teacher.Locator("#add-item")).ToHaveCountAsync(0);
    }
}
