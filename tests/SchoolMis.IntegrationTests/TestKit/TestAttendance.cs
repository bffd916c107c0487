using SchoolMis.Attendance.Features.Calendar;
using SchoolMis.Pupils.Features.RegistrationGroups;

namespace SchoolMis.IntegrationTests.TestKit;

/// <summary>A school with a calendar, one registration group and some pupils in it, for register tests.</summary>
public sealed record RegisterSchool(TestSchool School, Guid GroupId, string GroupCode, IReadOnlyList<Guid> Pupils);

public static class TestAttendance
{
    /// <summary>A Tuesday in term (2026/27) and one before the 2024 regulations (2023/24).</summary>
    public static readonly DateOnly SchoolDay = new(2026, 11, 10);
    public static readonly DateOnly OldSchoolDay = new(2023, 11, 7);
    public static readonly DateOnly HalfTermDay = new(2026, 10, 27);

    public static async Task<RegisterSchool> RegisterSchoolAsync(this SchoolMisApp app, int pupils = 4)
    {
        var school = await app.ProvisionSchoolAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < pupils; i++)
            ids.Add(await app.AddPupilAsync(school, $"Register{(char)('A' + i)}", "Pupil"));
        var groupId = await app.InSchoolAsync(school.Id, async (sender, _) =>
        {
            foreach (var start in new[] { 2023, 2026 })
                await sender.Send(new SetUpAcademicYearCommand($"{start}/{(start + 1) % 100:00}", new(start, 9, 1), new(start + 1, 8, 31),
                    new(8, 50), new(13, 15), 30,
                    [new("Autumn term", new(start, 9, 4), new(start, 12, 18), new(start, 10, 26), new(start, 10, 30)),
                     new("Spring term", new(start + 1, 1, 5), new(start + 1, 3, 26), null, null)]));
            var id = await sender.Send(new CreateRegistrationGroupCommand("5H", "Herons", "5"));
            await sender.Send(new AssignPupilsToGroupCommand(id, ids));
            return id;
        });
        return new RegisterSchool(school, groupId, "5H", ids);
    }

    public static string RegisterUrl(this RegisterSchool s, DateOnly date, string session = "AM") =>
        $"/api/v1/schools/{s.School.Slug}/registers/{s.GroupCode}/{date:yyyy-MM-dd}/{session}";
}
