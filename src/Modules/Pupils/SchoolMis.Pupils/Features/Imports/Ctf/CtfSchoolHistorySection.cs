using SchoolMis.Platform.Imports;
using SchoolMis.Platform.Imports.Ctf;

namespace SchoolMis.Pupils.Features.Imports.Ctf;

/// <summary>
/// A CTF's school history, through the <c>school-history</c> dataset. The entry for this school itself is not history:
/// when the school's own old MIS sent the file, the pupils section takes its entry and leaving dates as the admission.
/// </summary>
internal sealed class CtfSchoolHistorySection(SchoolHistoryDataset dataset) : ICtfSection
{
    public static readonly string[] Reads =
    [
        "SchoolHistory/School/LEA", "SchoolHistory/School/Estab", "SchoolHistory/School/URN", "SchoolHistory/School/SchoolName",
        "SchoolHistory/School/EntryDate", "SchoolHistory/School/LeavingDate", "SchoolHistory/School/LeavingReason",
        "SchoolHistory/School/LastSchool",
    ];

    private static readonly Dictionary<string, string> Elements = new(StringComparer.OrdinalIgnoreCase)
    {
        ["laCode"] = "SchoolHistory/School/LEA", ["estab"] = "SchoolHistory/School/Estab", ["urn"] = "SchoolHistory/School/URN",
        ["schoolName"] = "SchoolHistory/School/SchoolName", ["entryDate"] = "SchoolHistory/School/EntryDate",
        ["leavingDate"] = "SchoolHistory/School/LeavingDate", ["leavingReason"] = "SchoolHistory/School/LeavingReason",
    };

    public string Name => "school-history";

    public int Order => 30;

    public async Task<ImportReport> ImportAsync(IAsyncEnumerable<CtfPupil> pupils, CtfImportContext context, bool dryRun, CancellationToken cancellationToken)
    {
        var rows = pupils.SelectMany(pupil => RowsOf(pupil, context).ToAsyncEnumerable());
        var report = await dataset.ImportAsync(rows, dryRun, cancellationToken);
        return report with { Dataset = Name, Errors = [.. report.Errors.Select(e => e with { Field = Elements.GetValueOrDefault(e.Field, e.Field) })] };
    }

    private static IEnumerable<RawRow> RowsOf(CtfPupil pupil, CtfImportContext context)
    {
        if (pupil.Upn is not { } upn || !context.PupilKeys.TryGetValue(upn, out var pupilKey))
            yield break;
        foreach (var school in pupil.Element.Element("SchoolHistory")?.Elements("School") ?? [])
        {
            if (CtfFile.School(school) is { } s && s.LaEstab == context.School.LaEstab)
                continue;
            yield return CtfImportContext.Row(pupil, new
            {
                pupilExternalId = pupilKey,
                laCode = CtfFile.Text(school, "LEA"),
                estab = CtfFile.Text(school, "Estab"),
                urn = CtfFile.Text(school, "URN"),
                schoolName = CtfFile.Text(school, "SchoolName"),
                entryDate = CtfFile.Text(school, "EntryDate"),
                leavingDate = CtfFile.Text(school, "LeavingDate"),
                leavingReason = CtfFile.Text(school, "LeavingReason"),
            });
        }
    }
}
