using SchoolMis.Platform.Identifiers;
using SchoolMis.Pupils.Features;
using SchoolMis.Pupils.Features.AddPupil;

namespace SchoolMis.IntegrationTests.TestKit;

public static class TestPupils
{
    private static int _serial;

    public static string NewUpn()
    {
        var n = Interlocked.Increment(ref _serial);
        var rest = $"801{Random.Shared.Next(1000, 9999)}26{n % 1000:000}";
        return Upn.CheckLetter(rest) + rest;
    }

    public static PupilDetails Details(string surname, string forename = "Alex") => new()
    {
        Upn = NewUpn(), Surname = surname, Forename = forename, DateOfBirth = new DateOnly(2018, 5, 1), Sex = "F",
        AdmissionNumber = Random.Shared.Next(100000, 999999).ToString(), AdmissionDate = new DateOnly(2022, 9, 5),
        EnrolmentStatus = "C", NcYear = "3",
    };

    public static Task<Guid> AddPupilAsync(this SchoolMisApp app, TestSchool school, string surname, string forename = "Alex") =>
        app.InSchoolAsync(school.Id, async (sender, _) => await sender.Send(new AddPupilCommand(Details(surname, forename))));
}
