using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SchoolMis.Attendance.Data;
using SchoolMis.Identity.Data;
using SchoolMis.Platform;
using SchoolMis.Platform.Tenancy;
using static Microsoft.Playwright.Assertions;

namespace SchoolMis.E2E;

public sealed class AttendanceJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>The first school day from today in the demo calendar: today's registers are left untaken by the demo.</summary>
    [Fact]
    public async Task A_teacher_marks_a_register_by_keyboard_the_statistics_change_and_an_admin_amendment_keeps_the_original()
    {
        var day = await app.DemoSchoolDayAsync();
        var teacher = await app.SignInAsync("teacher@oakfield.test");
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Oakfield Primary School" }).ClickAsync();
        await teacher.GotoAsync($"/schools/oakfield-primary/attendance?date={day:yyyy-MM-dd}");
        var registers = teacher.GetByRole(AriaRole.Row).Filter(new() { HasText = "3B" });
        await Expect(registers.First).ToContainTextAsync("Not taken");
        await registers.Filter(new() { HasText = "AM" }).GetByRole(AriaRole.Link, new() { Name = "Take register" }).ClickAsync();
        await Expect(teacher.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("3B morning register");

        // Keyboard only: the first mark box has focus; each code key marks and moves on.
        var codes = teacher.Locator("input.code");
        var pupils = await codes.CountAsync();
        pupils.ShouldBeGreaterThan(20);
        await Expect(codes.First).ToBeFocusedAsync();
        await teacher.Keyboard.TypeAsync("N");        // not yet known
        await teacher.Keyboard.TypeAsync("C");        // C then 1 makes C1
        await teacher.Keyboard.TypeAsync("1");
        for (var i = 2; i < pupils; i++)
            await teacher.Keyboard.TypeAsync("/");
        await Expect(teacher.Locator("#unmarked-count")).ToHaveTextAsync("0 unmarked");
        await Expect(codes.Nth(1)).ToHaveValueAsync("C1");
        await Expect(teacher.Locator("#save-register")).ToBeFocusedAsync();
        await teacher.Keyboard.PressAsync("Enter");
        await Expect(teacher.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToContainTextAsync($"Saved: {pupils} new marks");
        await teacher.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsFolder, "register-taken.png"), FullPage = true });
        var firstPupil = (await teacher.Locator("table.register tbody th").First.InnerTextAsync()).Trim();

        // The day's statistics for 3B now show one unauthorised and one authorised absence.
        await teacher.GotoAsync($"/schools/oakfield-primary/attendance/statistics?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        await teacher.GetByLabel("Registration group").SelectOptionAsync(new SelectOptionValue { Label = "3B" });
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var unauthorised = teacher.Locator(".stat").Filter(new() { HasText = "unauthorised absence" }).Locator(".stat-value");
        await Expect(unauthorised).ToHaveTextAsync("1");
        await Expect(teacher.Locator(".stat").Filter(new() { HasText = "possible sessions" }).Locator(".stat-value")).ToHaveTextAsync(pupils.ToString());

        // An admin amends the N with a reason; the pupil's history keeps the original entry.
        var admin = await app.SignInAsync("admin@oakfield.test");
        await admin.GotoAsync($"/schools/oakfield-primary/attendance?date={day:yyyy-MM-dd}");
        await admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "3B" }).Filter(new() { HasText = "AM" }).GetByRole(AriaRole.Link, new() { Name = "Open" }).ClickAsync();
        await admin.Locator("input.code").First.FillAsync("I");
        await admin.GetByLabel("Reason for changing marks already saved").FillAsync("Mother phoned at 9:30: ill");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save register" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToContainTextAsync("1 amended");

        await admin.GotoAsync($"/schools/oakfield-primary/attendance/statistics?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        await admin.GetByRole(AriaRole.Link, new() { Name = firstPupil }).ClickAsync();
        var history = admin.Locator("#amendments tbody tr").First;
        await Expect(history).ToContainTextAsync("N");
        await Expect(history).ToContainTextAsync("Tom Okafor");          // who made the original entry
        await Expect(history).ToContainTextAsync("Mother phoned at 9:30: ill");
        await Expect(history).ToContainTextAsync("Sarah Hughes");        // who amended it
        await Expect(history.Locator("td").Nth(2)).ToHaveTextAsync("I");
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsFolder, "pupil-attendance-history.png"), FullPage = true });
    }
}
