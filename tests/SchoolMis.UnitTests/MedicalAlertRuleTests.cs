using SchoolMis.Medical.Domain;

namespace SchoolMis.UnitTests;

/// <summary>The medical alert marker: what raises it, and a label that never carries the detail.</summary>
public class MedicalAlertRuleTests
{
    [Theory]
    [InlineData(MedicalItemKind.Allergy, MedicalSeverity.Severe, false, true)]
    [InlineData(MedicalItemKind.Allergy, MedicalSeverity.Moderate, false, false)]
    [InlineData(MedicalItemKind.Allergy, null, false, false)]
    [InlineData(MedicalItemKind.Condition, MedicalSeverity.Severe, false, false)]
    [InlineData(MedicalItemKind.Condition, null, true, true)]
    [InlineData(MedicalItemKind.Medication, MedicalSeverity.Mild, true, true)]
    [InlineData(MedicalItemKind.Dietary, null, false, false)]
    public void A_severe_allergy_or_a_flagged_item_raises_the_alert(MedicalItemKind kind, MedicalSeverity? severity, bool flagged, bool raises) =>
        MedicalAlertRule.RaisesAlert(kind, severity, flagged).ShouldBe(raises);

    [Fact]
    public void The_label_names_the_most_urgent_kind_only()
    {
        MedicalAlertRule.Label([(MedicalItemKind.Condition, null), (MedicalItemKind.Allergy, MedicalSeverity.Severe)]).ShouldBe("Severe allergy");
        MedicalAlertRule.Label([(MedicalItemKind.Dietary, null), (MedicalItemKind.Condition, MedicalSeverity.Mild)]).ShouldBe("Medical condition");
        MedicalAlertRule.Label([(MedicalItemKind.Medication, null)]).ShouldBe("Medication");
        MedicalAlertRule.Label([(MedicalItemKind.Dietary, null)]).ShouldBe("Dietary need");
    }

    [Theory]
    [InlineData("condition", true)]
    [InlineData("Allergy", true)]
    [InlineData("DIETARY", true)]
    [InlineData("injury", false)]
    [InlineData("1", false)]
    [InlineData("", false)]
    public void Kinds_are_read_as_the_import_spells_them(string value, bool valid) =>
        MedicalAlertRule.TryParseKind(value, out _).ShouldBe(valid);

    [Theory]
    [InlineData("severe", true)]
    [InlineData("Mild", true)]
    [InlineData("extreme", false)]
    [InlineData("2", false)]
    public void Severities_are_mild_moderate_or_severe(string value, bool valid) =>
        MedicalAlertRule.TryParseSeverity(value, out _).ShouldBe(valid);
}
