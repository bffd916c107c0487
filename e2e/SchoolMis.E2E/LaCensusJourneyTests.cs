using System.IO.Compression;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SchoolMis.E2E;

public sealed class LaCensusJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_la_officer_sees_their_schools_checks_one_and_downloads_every_return()
    {
        var officer = await app.SignInAsync("la.officer@bristol.test");
        await officer.GetByRole(AriaRole.Link, new() { Name = "School Census" }).First.ClickAsync();
        await officer.WaitForURLAsync(url => url.Contains("/la/census"));

        var table = officer.GetByRole(AriaRole.Table);
        await Expect(table).ToContainTextAsync("Oakfield Primary School");
        await Expect(table).ToContainTextAsync("Riverside Primary School");

        await officer.GetByRole(AriaRole.Button, new() { Name = "Check now: Oakfield Primary School" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Checked Oakfield Primary School");
        var row = officer.GetByRole(AriaRole.Row).Filter(new() { HasText = "Oakfield Primary School" });
        await Expect(row).Not.ToContainTextAsync("Not checked");
        await officer.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsFolder, "la-census.png"), FullPage = true });

        var download = await officer.RunAndWaitForDownloadAsync(() =>
            officer.GetByRole(AriaRole.Link, new() { Name = "Download all returns (zip)" }).ClickAsync());
        download.SuggestedFilename.ShouldStartWith("801_SC_");
        var path = Path.Combine(BrowserApp.ArtifactsFolder, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        using var zip = ZipFile.OpenRead(path);
        zip.Entries.Select(e => e.FullName[..7]).Order().ShouldBe(["8012345", "8012346"]); // Oakfield's and Riverside's DfE numbers
    }
}
