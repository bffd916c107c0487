namespace SchoolMis.Exclusions.Domain;

/// <summary>A DfE exclusion reason with the dates it may be used on.</summary>
public sealed record ExclusionReason(string Code, string Description, DateOnly ValidFrom, DateOnly ValidTo)
{
    public bool IsValidOn(DateOnly date) => ValidFrom <= date && date <= ValidTo;
}

/// <summary>
/// The census exclusion codes (shared/standards/NOTES.md §4). Categories: PERM, SUSP ("fixed period", FIXD, before
/// 2021/22), LNCH. Reasons come from the embedded DfE list with their valid_from/valid_to: up to three reasons since
/// autumn 2020, when OT (other) was withdrawn and OW, LG, DS, MT, PH were added.
/// </summary>
public static class ExclusionCodes
{
    public const string Permanent = "PERM";
    public const string Suspension = "SUSP";
    public const string FixedPeriod = "FIXD";
    public const string Lunchtime = "LNCH";

    public static readonly IReadOnlyDictionary<string, string> Categories = new Dictionary<string, string>
    {
        [Permanent] = "Permanent exclusion",
        [Suspension] = "Suspension",
        [FixedPeriod] = "Suspension (fixed period, legacy FIXD)",
        [Lunchtime] = "Lunchtime exclusion",
    };

    public static readonly IReadOnlyList<ExclusionReason> Reasons = Load();

    private static readonly Dictionary<string, ExclusionReason> ByCode = Reasons.ToDictionary(r => r.Code);

    /// <summary>FIXD is the pre-2021/22 code for a suspension and is shown, counted and marked as one.</summary>
    public static bool IsSuspension(string category) => category is Suspension or FixedPeriod;

    public static string DescribeCategory(string category) => Categories.GetValueOrDefault(category, category);

    public static ExclusionReason? Reason(string code) => ByCode.GetValueOrDefault(code);

    public static string DescribeReason(string code) => ByCode.TryGetValue(code, out var r) ? r.Description : code;

    /// <summary>The reasons a school may choose for an exclusion starting on <paramref name="date"/>.</summary>
    public static IEnumerable<ExclusionReason> ValidOn(DateOnly date) => Reasons.Where(r => r.IsValidOn(date));

    private static List<ExclusionReason> Load()
    {
        using var stream = typeof(ExclusionCodes).Assembly.GetManifestResourceStream("SchoolMis.Exclusions.exclusion_reasons.csv")
            ?? throw new InvalidOperationException("Missing the exclusion reasons code list.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header: code,description,valid_from,valid_to,confidence
        var list = new List<ExclusionReason>();
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            // The description has no commas today; read from both ends so one would not break the list.
            var parts = line.Split(',');
            var code = parts[0].Trim();
            var description = string.Join(',', parts[1..^3]).Trim();
            list.Add(new ExclusionReason(code, description, ParseFrom(parts[^3]), ParseTo(parts[^2])));
        }
        return list;
    }

    /// <summary>"pre-2016" = always; "2020/21 ..." = from 1 September 2020.</summary>
    internal static DateOnly ParseFrom(string text) =>
        AcademicYearStart(text) is { } start && !text.StartsWith("pre-", StringComparison.Ordinal) ? start : DateOnly.MinValue;

    /// <summary>"current" = still valid; "removed 2020/21" = last valid on 31 August 2020.</summary>
    internal static DateOnly ParseTo(string text) =>
        text.Trim().StartsWith("removed", StringComparison.OrdinalIgnoreCase) && AcademicYearStart(text) is { } start
            ? start.AddDays(-1)
            : DateOnly.MaxValue;

    private static DateOnly? AcademicYearStart(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"(\d{4})");
        return match.Success ? new DateOnly(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 9, 1) : null;
    }
}
