using System.Xml.Linq;
using SchoolMis.Platform.Imports;
using SchoolMis.Platform.Imports.Ctf;

namespace SchoolMis.Sen.Features.Imports.Ctf;

/// <summary>
/// A CTF's <c>SENhistory</c>, through the <c>sen</c> dataset: each <c>SEN</c> (StartDate, EndDate from CTF 17,
/// SENprovision) becomes a period, legacy codes kept as history. <c>SENneeds</c> are the needs of the pupil's current
/// provision, so they go on the latest period; an earlier period the file leaves open ends the day before the next.
/// </summary>
internal sealed class CtfSenSection(SenDataset dataset) : ICtfSection
{
    public static readonly string[] Reads = ["SENhistory"];

    private static readonly Dictionary<string, string> Elements = new(StringComparer.OrdinalIgnoreCase)
    {
        ["provision"] = "SENhistory/SEN/SENprovision", ["startDate"] = "SENhistory/SEN/StartDate", ["endDate"] = "SENhistory/SEN/EndDate",
        ["needs"] = "SENhistory/SENneeds",
    };

    public string Name => "sen";

    public int Order => 40;

    public async Task<ImportReport> ImportAsync(IAsyncEnumerable<CtfPupil> pupils, CtfImportContext context, bool dryRun, CancellationToken cancellationToken)
    {
        var rows = pupils.SelectMany(pupil => RowsOf(pupil, context).ToAsyncEnumerable());
        var report = await dataset.ImportAsync(rows, dryRun, cancellationToken);
        return report with
        {
            Dataset = Name,
            Errors = [.. report.Errors.Select(e => e with { Field = Elements.GetValueOrDefault(e.Field,
                e.Field.StartsWith("needs", StringComparison.Ordinal) ? "SENhistory/SENneeds/SENneed" : e.Field) })],
        };
    }

    private static IEnumerable<RawRow> RowsOf(CtfPupil pupil, CtfImportContext context)
    {
        if (pupil.Upn is not { } upn || !context.PupilKeys.TryGetValue(upn, out var pupilKey) || pupil.Element.Element("SENhistory") is not { } history)
            yield break;
        var needs = history.Elements("SENneeds").Elements("SENneed")
            .Select(n => new { type = CtfFile.Text(n, "SENtype"), rank = int.TryParse(CtfFile.Text(n, "SENtypeRank"), out var r) ? r : (int?)null })
            .ToList();
        var periods = history.Elements("SEN")
            .Select(s => (Start: CtfFile.Text(s, "StartDate"), End: CtfFile.Text(s, "EndDate"), Provision: CtfFile.Text(s, "SENprovision")?.ToUpperInvariant()))
            .OrderBy(p => CtfFile.Date(p.Start) ?? DateOnly.MinValue)
            .ToList();
        if (needs.Count > 0 && (periods.Count == 0 || periods[^1].Provision == "N"))
            context.Skip("SENhistory/SENneeds (no current SEN provision)", pupil.Number,
                "Need types belong to a current K or E provision; the file's latest provision is N or missing.");
        for (var i = 0; i < periods.Count; i++)
        {
            var (start, end, provision) = periods[i];
            var latest = i == periods.Count - 1;
            // Files before CTF 17 carry no end dates: an earlier period ran until the next began.
            if (end is null && !latest && CtfFile.Date(periods[i + 1].Start) is { } nextStart)
                end = nextStart.AddDays(-1).ToString("yyyy-MM-dd");
            yield return CtfImportContext.Row(pupil, new
            {
                pupilExternalId = pupilKey,
                provision,
                startDate = start,
                endDate = end,
                needs = latest && provision != "N" ? needs : [],
            });
        }
    }
}
