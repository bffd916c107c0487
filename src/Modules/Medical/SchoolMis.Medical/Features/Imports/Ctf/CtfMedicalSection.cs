using SchoolMis.Platform.Imports;
using SchoolMis.Platform.Imports.Ctf;

namespace SchoolMis.Medical.Features.Imports.Ctf;

/// <summary>
/// A CTF carries no medical detail, only <c>BasicDetails/MedicalFlag</c>: the sending school knew of a medical
/// condition. A flagged pupil gets one condition on their medical record asking the office to obtain the details,
/// through the <c>medical</c> dataset (keyed by UPN, so a re-import changes nothing). It does not raise the alert
/// marker: nothing is known yet that a teacher could act on, and the office's medical-needs list shows it.
/// </summary>
internal sealed class CtfMedicalSection(MedicalDataset dataset) : ICtfSection
{
    public static readonly string[] Reads = ["BasicDetails/MedicalFlag"];

    public string Name => "medical";

    public int Order => 40;

    public async Task<ImportReport> ImportAsync(IAsyncEnumerable<CtfPupil> pupils, CtfImportContext context, bool dryRun, CancellationToken cancellationToken)
    {
        var rows = pupils.SelectMany(pupil => RowsOf(pupil, context).ToAsyncEnumerable());
        var report = await dataset.ImportAsync(rows, dryRun, cancellationToken);
        return report with { Dataset = Name };
    }

    private static IEnumerable<RawRow> RowsOf(CtfPupil pupil, CtfImportContext context)
    {
        if (pupil.Upn is not { } upn || !context.PupilKeys.TryGetValue(upn, out var pupilKey))
            yield break;
        if (pupil.Text("BasicDetails/MedicalFlag") is not ("true" or "1" or "Y"))
            yield break;
        yield return CtfImportContext.Row(pupil, new
        {
            externalId = $"ctf-medical-flag-{upn}", pupilExternalId = pupilKey, kind = "condition",
            description = "Medical condition noted by the previous school (CTF medical flag): ask the parents for the details",
            notes = $"From the Common Transfer File sent by {context.Header.Source.Name ?? context.Header.Source.LaEstab}.",
        });
    }
}
