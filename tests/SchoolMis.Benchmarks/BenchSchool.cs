using System.Globalization;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Attendance.Data;
using SchoolMis.Attendance.Features.Calendar;
using SchoolMis.Platform.Identifiers;
using SchoolMis.Platform.Tenancy;
using SchoolMis.Pupils.Features;
using SchoolMis.Pupils.Features.AdmitPupils;
using SchoolMis.Pupils.Features.RegistrationGroups;

namespace SchoolMis.Benchmarks;

internal sealed record SeededGroup(Guid Id, string Code, IReadOnlyList<Guid> Pupils);

internal sealed record SeededSchool(Guid Id, string Slug, IReadOnlyList<SeededGroup> Groups, IReadOnlyList<DateOnly> SchoolDays)
{
    public int PupilCount => Groups.Sum(g => g.Pupils.Count);
}

/// <summary>
/// A school made the way a school office would make it: provisioned through the platform API, then calendar, groups
/// and an intake through the modules' own use cases inside a tenant scope.
/// </summary>
internal static class BenchSchool
{
    /// <summary>Pupils are on roll from the first day of the earliest academic year the benchmark uses.</summary>
    public static readonly DateOnly AdmittedOn = new(2024, 9, 2);

    public static async Task<SeededSchool> SeedAsync(BenchApp app, HttpClient platform, string name, int groups, int pupils,
        int[] academicYears, CancellationToken ct = default, string laCode = "801")
    {
        var (id, slug, estab) = await app.ProvisionSchoolAsync(platform, name, laCode);
        var scopes = app.Services.GetRequiredService<TenantScopeFactory>();
        return await scopes.RunAsync(id, async (sp, token) =>
        {
            var sender = sp.GetRequiredService<ISender>();
            foreach (var year in academicYears)
                await sender.Send(YearOf(year), token);

            var groupIds = new List<(Guid Id, string Code)>();
            for (var g = 0; g < groups; g++)
            {
                var code = $"G{g + 1:000}";
                groupIds.Add((await sender.Send(new CreateRegistrationGroupCommand(code, $"Group {g + 1}", "8"), token), code));
            }

            var intake = new List<PupilDetails>(pupils);
            for (var serial = 1; serial <= pupils; serial++)
            {
                var rest = string.Create(CultureInfo.InvariantCulture, $"801{estab}{10 + serial / 1000:00}{serial % 1000:000}");
                intake.Add(new PupilDetails
                {
                    Upn = Upn.CheckLetter(rest) + rest,
                    Surname = $"Pupil{serial:00000}",
                    Forename = serial % 2 == 0 ? "Alex" : "Sam",
                    DateOfBirth = new DateOnly(2012, 9, 1).AddDays(serial % 365),
                    Sex = serial % 2 == 0 ? "F" : "M",
                    AdmissionNumber = serial.ToString("000000", CultureInfo.InvariantCulture),
                    AdmissionDate = AdmittedOn,
                    EnrolmentStatus = "C",
                    NcYear = "8",
                    RegistrationGroupId = groupIds[(serial - 1) % groups].Id,
                });
            }
            var ids = await sender.Send(new AdmitPupilsCommand(intake), token);
            var byGroup = groupIds.Select((g, i) => new SeededGroup(g.Id, g.Code,
                ids.Where((_, p) => p % groups == i).ToList())).ToList();

            var from = new DateOnly(academicYears.Min(), 9, 1);
            var to = new DateOnly(academicYears.Max() + 1, 8, 31);
            var calendar = await sp.GetRequiredService<AttendanceDbContext>().LoadAsync(from, to, token);
            return new SeededSchool(id, slug, byGroup, calendar.SchoolDays(from, to).ToList());
        }, ct);
    }

    /// <summary>Typical English term dates, as the demo school has them.</summary>
    private static SetUpAcademicYearCommand YearOf(int year)
    {
        static DateOnly Weekday(int y, int m, int d, DayOfWeek day)
        {
            var date = new DateOnly(y, m, d);
            while (date.DayOfWeek != day)
                date = date.AddDays(1);
            return date;
        }
        var autumnStart = Weekday(year, 9, 1, DayOfWeek.Monday);
        var autumnHalf = Weekday(year, 10, 23, DayOfWeek.Monday);
        var springStart = Weekday(year + 1, 1, 3, DayOfWeek.Monday);
        var springHalf = Weekday(year + 1, 2, 12, DayOfWeek.Monday);
        var summerStart = Weekday(year + 1, 4, 13, DayOfWeek.Monday);
        var summerHalf = Weekday(year + 1, 5, 25, DayOfWeek.Monday);
        return new SetUpAcademicYearCommand(string.Create(CultureInfo.InvariantCulture, $"{year}/{(year + 1) % 100:00}"),
            new DateOnly(year, 9, 1), new DateOnly(year + 1, 8, 31), new TimeOnly(8, 50), new TimeOnly(13, 15), 30,
        [
            new("Autumn term", autumnStart, new DateOnly(year, 12, 19), autumnHalf, autumnHalf.AddDays(4)),
            new("Spring term", springStart, Weekday(year + 1, 3, 27, DayOfWeek.Friday), springHalf, springHalf.AddDays(4)),
            new("Summer term", summerStart, new DateOnly(year + 1, 7, 21), summerHalf, summerHalf.AddDays(4)),
        ]);
    }
}
