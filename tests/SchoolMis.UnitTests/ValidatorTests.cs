using FluentValidation;
using Microsoft.Extensions.Time.Testing;
using SchoolMis.Identity.Features.ApiClients;
using SchoolMis.Identity.Features.Schools;
using SchoolMis.Identity.Features.Users;
using SchoolMis.Pupils.Features;
using SchoolMis.Pupils.Features.AddPupil;
using SchoolMis.Pupils.Features.RegistrationGroups;

namespace SchoolMis.UnitTests;

public class PupilValidatorTests
{
    private static readonly TimeProvider Clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    private static PupilDetails Valid() => new()
    {
        Upn = "H801200001001", Surname = "Smith", Forename = "Ava", DateOfBirth = new DateOnly(2019, 3, 14), Sex = "F",
        AdmissionNumber = "001234", AdmissionDate = new DateOnly(2023, 9, 5), EnrolmentStatus = "C", NcYear = "2",
        Ethnicity = "WBRI", FirstLanguage = "ENG", Postcode = "BS7 8AE",
    };

    private static Dictionary<string, string[]> Errors(PupilDetails details) =>
        new AddPupilValidator(Clock).Validate(new AddPupilCommand(details)).Errors
            .GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());

    [Fact]
    public void A_complete_pupil_is_valid() => Errors(Valid()).ShouldBeEmpty();

    [Fact]
    public void A_temporary_upn_and_lower_case_entry_are_accepted() =>
        Errors(Valid() with { Upn = "g80120000101a" }).ShouldBeEmpty();

    [Fact]
    public void A_wrong_check_letter_is_reported_on_the_upn_field() =>
        Errors(Valid() with { Upn = "Z801200001001" })["Details.Upn"].ShouldBe(["UPN invalid (wrong check letter at character 1)."]);

    [Fact]
    public void Each_bad_field_is_named()
    {
        var errors = Errors(Valid() with
        {
            Surname = "", Sex = "X", NcYear = "15", EnrolmentStatus = "Q", Ethnicity = "ZZZZ", FirstLanguage = "XXX",
            Postcode = "not a postcode", Uln = "1000000063", AdmissionNumber = "12/34",
        });
        errors.Keys.ShouldBe(
        [
            "Details.Uln", "Details.Surname", "Details.Sex", "Details.AdmissionNumber", "Details.EnrolmentStatus",
            "Details.NcYear", "Details.Ethnicity", "Details.FirstLanguage", "Details.Postcode",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Dates_must_make_sense()
    {
        Errors(Valid() with { DateOfBirth = new DateOnly(2027, 1, 1) }).ShouldContainKey("Details.DateOfBirth");
        Errors(Valid() with { DateOfBirth = new DateOnly(1990, 1, 1) }).ShouldContainKey("Details.DateOfBirth");
        Errors(Valid() with { AdmissionDate = new DateOnly(2018, 1, 1) }).ShouldContainKey("Details.AdmissionDate");
        Errors(Valid() with { DateOfBirth = null, AdmissionDate = null }).Keys.ShouldBe(["Details.DateOfBirth", "Details.AdmissionDate"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("3B", true)]
    [InlineData("Year 3/4", true)]
    [InlineData("", false)]
    [InlineData("<script>", false)]
    public void Registration_group_codes(string code, bool valid) =>
        new CreateRegistrationGroupValidator().Validate(new CreateRegistrationGroupCommand(code, "Badgers", "3")).IsValid.ShouldBe(valid);
}

public class PlatformValidatorTests
{
    [Fact]
    public void A_school_needs_dfe_shaped_identifiers()
    {
        var result = new ProvisionSchoolValidator().Validate(new ProvisionSchoolCommand("St Mary's", "", "80", "12345", "12", "XX"));
        result.Errors.Select(e => e.PropertyName).Distinct().ShouldBe(["Slug", "Name", "LaCode", "Estab", "Urn", "Phase"], ignoreOrder: true);
    }

    [Fact]
    public void A_valid_school_with_a_first_admin_passes() =>
        new ProvisionSchoolValidator().Validate(new ProvisionSchoolCommand("st-marys", "St Mary's", "801", "2001", "100824", "PS",
            "head@stmarys.test", "Jo Head")).IsValid.ShouldBeTrue();

    [Fact]
    public void A_first_admin_needs_both_name_and_email() =>
        new ProvisionSchoolValidator().Validate(new ProvisionSchoolCommand("st-marys", "St Mary's", "801", "2001", "100824", "PS",
            "not-an-email", null)).Errors.Select(e => e.PropertyName).ShouldBe(["AdminEmail", "AdminName"], ignoreOrder: true);

    [Theory]
    [InlineData("Teacher", new[] { "a-school" }, null, true)]
    [InlineData("Teacher", new string[0], null, false)]
    [InlineData("LaOfficer", new string[0], "801", true)]
    [InlineData("LaOfficer", new[] { "a-school" }, "801", false)]
    [InlineData("PlatformAdmin", new string[0], null, true)]
    [InlineData("PlatformAdmin", new string[0], "801", false)]
    [InlineData("Headteacher", new[] { "a-school" }, null, false)]
    public void A_user_belongs_to_what_their_role_needs(string role, string[] schools, string? la, bool valid) =>
        new CreateUserValidator().Validate(new CreateUserCommand("a@b.test", "A B", role, schools, la)).IsValid.ShouldBe(valid);

    [Fact]
    public void An_api_client_is_granted_schools_or_an_la_never_both_and_known_scopes_only()
    {
        var v = new RegisterApiClientValidator();
        v.Validate(new RegisterApiClientCommand("mig-tool", "Migration", ["a-school"], null, ["schoolmis.import"])).IsValid.ShouldBeTrue();
        v.Validate(new RegisterApiClientCommand("mig-tool", "Migration", ["a-school"], "801", ["schoolmis.import"])).IsValid.ShouldBeFalse();
        v.Validate(new RegisterApiClientCommand("mig-tool", "Migration", null, "801", ["schoolmis.everything"])).IsValid.ShouldBeFalse();
    }
}

public class OneTimePasswordTests
{
    [Fact]
    public void One_time_passwords_always_satisfy_the_password_rules()
    {
        for (var i = 0; i < 2000; i++)
        {
            var password = UserAccounts.OneTimePassword();
            password.Length.ShouldBeGreaterThanOrEqualTo(10);
            password.ShouldContain(c => char.IsAsciiLetterUpper(c));
            password.ShouldContain(c => char.IsAsciiLetterLower(c));
            password.ShouldContain(c => char.IsAsciiDigit(c));
        }
    }
}
