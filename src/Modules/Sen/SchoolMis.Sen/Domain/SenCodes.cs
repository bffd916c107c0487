using System.Collections.Frozen;

namespace SchoolMis.Sen.Domain;

/// <summary>
/// The DfE SEN code lists (copied from shared/standards/codes): provision (N, K, E current; S, A, P legacy, kept only
/// as imported history) and need types. The low-confidence 2025/26 Down syndrome row has no confirmed code, so it is
/// not offered until the DfE publishes one.
/// </summary>
public static class SenCodes
{
    public const string NoSen = "N";
    public const string SenSupport = "K";
    public const string EhcPlan = "E";
    public const string NoSpecialistAssessment = "NSA";

    /// <summary>Codes that may be entered for a period today.</summary>
    public static readonly FrozenSet<string> CurrentProvisions = new[] { NoSen, SenSupport, EhcPlan }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly Lazy<FrozenDictionary<string, string>> ProvisionList = new(() => Load("sen_provision"));
    private static readonly Lazy<FrozenDictionary<string, string>> NeedList = new(() => Load("sen_types"));

    /// <summary>Every provision code, current and legacy, to its description.</summary>
    public static FrozenDictionary<string, string> Provisions => ProvisionList.Value;

    /// <summary>Need types (SPLD ... NSA) to their descriptions.</summary>
    public static FrozenDictionary<string, string> NeedTypes => NeedList.Value;

    public static bool IsLegacy(string provision) => Provisions.ContainsKey(provision) && !CurrentProvisions.Contains(provision);

    /// <summary>Provisions that must name at least one need (SEN support and EHC plans).</summary>
    public static bool NeedsRequired(string provision) => provision is SenSupport or EhcPlan;

    public static string Describe(string provision) => Provisions.GetValueOrDefault(provision, provision);

    public static string DescribeNeed(string type) => NeedTypes.GetValueOrDefault(type, type);

    private static FrozenDictionary<string, string> Load(string name)
    {
        using var stream = typeof(SenCodes).Assembly.GetManifestResourceStream($"SchoolMis.Sen.ReferenceData.{name}.csv")
            ?? throw new InvalidOperationException($"Missing code list {name}.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            // Codes are short capitals; a row such as "(new 2025/26),Down syndrome" has no code yet.
            if (fields.Length < 2 || fields[0].Length == 0 || !fields[0].All(char.IsAsciiLetterUpper))
                continue;
            codes[fields[0]] = fields[1];
        }
        return codes.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
