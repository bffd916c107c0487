using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SchoolMis.Attendance.Data;
using SchoolMis.Identity.Data;
using SchoolMis.Platform;
using SchoolMis.Platform.Tenancy;
using SchoolMis.Pupils.Contracts;
using static Microsoft.Playwright.Assertions;

namespace SchoolMis.E2E;

public sealed class ExclusionJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_school_admin_records_a_suspension_and_sees_E_on_the_pupils_register_for_those_sessions()
    {
        // A school day ahead (its registers are untaken) and a pupil of 3B, from the demo school.
        var first = await app.DemoSchoolDayAsync(daysAhead: 1);
        var (day, groupId, pupil) = await app.InDemoSchoolAsync(async (sp, ct) =>
        {
            var sender = sp.GetRequiredService<ISender>();
            var group = (await sender.Send(new GetRegistrationGroupsQuery(), ct)).Single(g => g.Code == "3B");
            var roll = await sender.Send(new GetRegistrationGroupRollQuery(group.RegistrationGroupId, first), ct);
            return (first, group.RegistrationGroupId, roll[^1]);
        });

        var admin = await app.SignInAsync("admin@oakfield.test");
        await admin.GotoAsync($"/schools/oakfield-primary/pupils/{pupil.PupilId}");
        await admin.Locator($"a[href='/schools/oakfield-primary/exclusions/pupils/{pupil.PupilId}']").ClickAsync(); // the profile's link
        await admin.GetByRole(AriaRole.Link, new() { Name = "Record an exclusion" }).ClickAsync();
        await admin.GetByLabel("Category").SelectOptionAsync("SUSP");
        await admin.GetByLabel("First day").FillAsync(day.ToString("yyyy-MM-dd"));
        await admin.GetByLabel("Last day").FillAsync(day.ToString("yyyy-MM-dd"));
        await admin.GetByLabel("Reason 1").SelectOptionAsync("VA");
        await admin.GetByLabel("Notes").FillAsync("Parents informed by phone and letter.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("2 sessions missed");
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("2 sessions marked E");
        await Expect(admin.GetByRole(AriaRole.Table).First).ToContainTextAsync("VA Verbal abuse or threatening behaviour against an adult");

        foreach (var session in new[] { "AM", "PM" })
        {
            await admin.GotoAsync($"/schools/oakfield-primary/attendance/registers/{groupId}/{day:yyyy-MM-dd}/{session}");
            var row = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = pupil.RegisterName });
            await Expect(row.Locator("input.code")).ToHaveValueAsync("E");
        }
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsFolder, "register-with-exclusion.png"), FullPage = true });
    }
}
