using SchoolMis.Platform.Identifiers;

namespace SchoolMis.UnitTests;

public class UpnTests
{
    [Theory]
    [InlineData("H801200001001")] // DfE guidance examples (shared/standards/NOTES.md 6.1)
    [InlineData("B801200005001")]
    [InlineData("A950000178301")]
    [InlineData("H243278544154")]
    public void Valid_permanent_upns_pass(string upn)
    {
        Upn.Check(upn).ShouldBeNull();
        Upn.IsTemporary(upn).ShouldBeFalse();
    }

    [Fact]
    public void A_valid_temporary_upn_passes_and_is_recognised_as_temporary()
    {
        Upn.Check("G80120000101A").ShouldBeNull();
        Upn.IsTemporary("G80120000101A").ShouldBeTrue();
    }

    [Fact]
    public void A_wrong_check_letter_is_refused_with_the_dfe_wording()
    {
        Upn.Check("Z801200001001").ShouldBe("UPN invalid (wrong check letter at character 1).");
        Upn.CheckLetter("801200001001").ShouldBe('H');
    }

    [Fact]
    public void A_temporary_upn_with_the_wrong_check_letter_is_refused() =>
        Upn.Check("H80120000101A").ShouldBe("UPN invalid (wrong check letter at character 1).");

    [Theory]
    [InlineData(null, "UPN is required.")]
    [InlineData("", "UPN is required.")]
    [InlineData("H80120000100", "UPN must be 13 characters.")]
    [InlineData("H8012000010012", "UPN must be 13 characters.")]
    [InlineData("I801200001001", "UPN invalid (character 1 must be a check letter A-Z, not I, O or S).")]
    [InlineData("H8012000A1001", "UPN invalid (characters 2-12 not all numeric).")]
    [InlineData("H80120000100I", "UPN invalid (character 13 not a recognised value).")]
    public void Malformed_upns_say_what_is_wrong(string? upn, string message) => Upn.Check(upn).ShouldBe(message);

    [Fact]
    public void Lower_case_is_not_a_valid_upn_as_stored() => Upn.IsValid("h801200001001").ShouldBeFalse();
}

public class UlnTests
{
    [Theory]
    [InlineData("9276308686", true)]
    [InlineData("1000000043", true)]
    [InlineData("1000000063", false)]
    [InlineData("0276308686", false)]
    [InlineData("927630868", false)]
    [InlineData("92763086a6", false)]
    public void Uln_check_digit(string uln, bool valid) => Uln.IsValid(uln).ShouldBe(valid);
}
