using System.Collections.Frozen;

namespace SchoolMis.Platform.ReferenceData;

/// <summary>
/// DfE code lists shipped with the app (copied from shared/standards/codes). Read-only and the same for every
/// school, so not tenant data.
/// </summary>
public static class DfeCodes
{
    private static readonly Lazy<FrozenDictionary<string, string>> NcYearList = new(() => Load("ncyear_codes"));
    private static readonly Lazy<FrozenDictionary<string, string>> EthnicityList = new(() => Load("ethnicity_codes"));
    private static readonly Lazy<FrozenDictionary<string, string>> LanguageList = new(() => Load("language_codes"));
    private static readonly Lazy<FrozenDictionary<string, string>> EnrolmentList = new(() => Load("enrolment_status"));
    private static readonly Lazy<FrozenDictionary<string, string>> LaList = new(() => Load("la_codes_census_2016"));

    /// <summary>National curriculum years (E1 ... 14, X), code to description.</summary>
    public static FrozenDictionary<string, string> NcYears => NcYearList.Value;
    public static FrozenDictionary<string, string> Ethnicities => EthnicityList.Value;
    public static FrozenDictionary<string, string> Languages => LanguageList.Value;
    public static FrozenDictionary<string, string> EnrolmentStatuses => EnrolmentList.Value;
    public static FrozenDictionary<string, string> LaCodes => LaList.Value;

    /// <summary>School phases of the census (from August 2024).</summary>
    public static readonly FrozenDictionary<string, string> Phases = new Dictionary<string, string>
    {
        ["NS"] = "Nursery", ["PS"] = "Primary", ["MP"] = "Middle (deemed primary)", ["MS"] = "Middle (deemed secondary)",
        ["SS"] = "Secondary", ["AT"] = "All-through", ["SP"] = "Special", ["PR"] = "Pupil referral unit / alternative provision",
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<string, string> Sexes =
        new Dictionary<string, string> { ["M"] = "Male", ["F"] = "Female" }.ToFrozenDictionary();

    /// <summary>Pupil-level enrolment statuses the pupils dataset accepts (C, M, S).</summary>
    public static readonly FrozenSet<string> PupilEnrolmentStatuses = new[] { "C", "M", "S" }.ToFrozenSet();

    private static FrozenDictionary<string, string> Load(string name)
    {
        using var stream = typeof(DfeCodes).Assembly.GetManifestResourceStream($"SchoolMis.ReferenceData.{name}.csv")
            ?? throw new InvalidOperationException($"Missing code list {name}.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
                continue;
            var fields = SplitCsv(line);
            codes[fields[0]] = fields.Count > 1 ? fields[1] : "";
        }
        return codes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
