using SchoolMis.Platform.Imports;
using SchoolMis.Platform.Imports.Ctf;

namespace SchoolMis.Meals.Features.Imports.Ctf;

/// <summary>
/// A CTF's <c>FSMhistory</c> (FSMreviewDate, FSMinstance{FSMstartDate, FSMendDate, UKcountry}*), through the
/// <c>fsm-periods</c> dataset, so overlaps are refused and a re-import changes nothing. Periods at other schools are
/// kept too: the census returns FSM periods including those from before the pupil joined (NOTES.md section 8).
/// </summary>
internal sealed class CtfFsmSection(FsmPeriodsDataset dataset) : ICtfSection
{
    public static readonly string[] Reads = ["FSMhistory"];

    public string Name => "fsm-periods";

    public int Order => 30;

    public async Task<ImportReport> ImportAsync(IAsyncEnumerable<CtfPupil> pupils, CtfImportContext context, bool dryRun, CancellationToken cancellationToken)
    {
        var rows = pupils.SelectMany(pupil => RowsOf(pupil, context).ToAsyncEnumerable());
        var report = await dataset.ImportAsync(rows, dryRun, cancellationToken);
        return report with
        {
            Dataset = Name,
            Errors = [.. report.Errors.Select(e => e with { Field = CtfField(e.Field) })],
        };
    }

    private static string CtfField(string field) => field switch
    {
        "startDate" => "FSMhistory/FSMinstance/FSMstartDate",
        "endDate" => "FSMhistory/FSMinstance/FSMendDate",
        "ukCountry" => "FSMhistory/FSMinstance/UKcountry",
        "reviewDate" => "FSMhistory/FSMreviewDate",
        _ => field,
    };

    /// <summary>A date as the dataset reads it (some files add a time); anything unreadable is passed on to be refused by name.</summary>
    private static string? DateText(string? value) => CtfFile.Date(value) is { } date ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : value;

    private static IEnumerable<RawRow> RowsOf(CtfPupil pupil, CtfImportContext context)
    {
        if (pupil.Upn is not { } upn || !context.PupilKeys.TryGetValue(upn, out var pupilKey))
            yield break;
        var history = pupil.Element.Element("FSMhistory");
        if (history is null)
            yield break;
        var review = DateText(CtfFile.Text(history, "FSMreviewDate"));
        var instances = history.Elements("FSMinstance").ToList();
        if (instances.Count == 0 && review is not null)
            context.Skip("FSMhistory/FSMreviewDate (no FSM period)", pupil.Number, "A review date with no FSM period has nothing to belong to.");
        foreach (var instance in instances)
        {
            yield return CtfImportContext.Row(pupil, new
            {
                pupilExternalId = pupilKey,
                startDate = DateText(CtfFile.Text(instance, "FSMstartDate")),
                endDate = DateText(CtfFile.Text(instance, "FSMendDate")),
                ukCountry = CtfFile.Text(instance, "UKcountry"),
                reviewDate = review,
            });
        }
    }
}
