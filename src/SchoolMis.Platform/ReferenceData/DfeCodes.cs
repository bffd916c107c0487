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

    // The three lists below are ordered as a form offers them (misc_census_codes.csv), so they are not frozen (unordered).

    /// <summary>Boarder status (census PupilStatus/Boarder): N not a boarder, the default.</summary>
    public static readonly IReadOnlyDictionary<string, string> Boarders = new OrderedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["N"] = "Not a boarder", ["B"] = "Boarder (nights per week not specified)",
        ["6"] = "Boarder six or fewer nights per week", ["7"] = "Boarder seven nights per week",
    };

    /// <summary>Service child (census ServiceChild, from 2018/19): a parent in the armed forces.</summary>
    public static readonly IReadOnlyDictionary<string, string> ServiceChildren = new OrderedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["Y"] = "Yes", ["N"] = "No", ["U"] = "Unknown", ["R"] = "Refused",
    };

    /// <summary>Young carer (census YoungCarer, spring collections from 2022/23).</summary>
    public static readonly IReadOnlyDictionary<string, string> YoungCarers = new OrderedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["P"] = "Identified as a young carer by parent or guardian", ["S"] = "Identified as a young carer by school",
        ["N"] = "Not declared",
    };

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
