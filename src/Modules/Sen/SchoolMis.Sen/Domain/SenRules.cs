namespace SchoolMis.Sen.Domain;

/// <summary>A need type as entered or imported: the type code and its rank (1 primary, 2 secondary).</summary>
public sealed record NeedInput(string? Type, int? Rank);

/// <summary>A refusal naming the field at fault (camelCase, as the API and import reports name fields).</summary>
public sealed record SenRuleFailure(string Field, string Message);

/// <summary>
/// The rules of a provision period (DfE census guidance, NOTES.md section 5): known codes; S, A and P only as
/// imported history; need types for K and E, none for N; ranks 1 and 2 each at most once; NSA only with K;
/// the end not before the start; and a pupil's periods never overlapping.
/// </summary>
public static class SenRules
{
    /// <param name="history">An import from the previous MIS: legacy codes are accepted, and a closed K or E period may
    /// lack needs (a CTF carries the needs of the current provision only).</param>
    public static IEnumerable<SenRuleFailure> Check(string? provision, DateOnly? start, DateOnly? end, IReadOnlyList<NeedInput>? needs, bool history)
    {
        needs ??= [];
        if (string.IsNullOrWhiteSpace(provision))
        {
            yield return new("provision", "Give the SEN provision (N, K or E).");
            yield break;
        }
        if (!SenCodes.Provisions.ContainsKey(provision))
        {
            yield return new("provision", $"'{provision}' is not an SEN provision code: use N (no SEN), K (SEN support) or E (EHC plan).");
            yield break;
        }
        if (!history && SenCodes.IsLegacy(provision))
            yield return new("provision",
                $"{provision} ({SenCodes.Describe(provision)}) is a legacy code kept only as history from a previous MIS: a new period is N, K or E.");
        if (start is { } s && end is { } e && e < s)
            yield return new("endDate", $"The end date {e:d MMM yyyy} is before the start date {s:d MMM yyyy}.");

        if (provision == SenCodes.NoSen && needs.Count > 0)
            yield return new("needs", "A pupil with no SEN (N) has no need types: remove them, or choose K or E.");
        else if (SenCodes.NeedsRequired(provision) && needs.Count == 0 && !(history && end is not null))
            yield return new("needs", $"Give at least the primary need type (rank 1) for {SenCodes.Describe(provision)} ({provision}).");

        var ranks = new HashSet<int>();
        var types = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < needs.Count; i++)
        {
            var need = needs[i];
            if (string.IsNullOrWhiteSpace(need.Type))
                yield return new($"needs[{i}].type", "Give the need type.");
            else if (!SenCodes.NeedTypes.ContainsKey(need.Type))
                yield return new($"needs[{i}].type", $"'{need.Type}' is not an SEN need type (SPLD, MLD, SLD, PMLD, SEMH, SLCN, ASD, HI, VI, MSI, PD, OTH, NSA).");
            else if (!types.Add(need.Type))
                yield return new($"needs[{i}].type", $"{need.Type} is given twice: a need type has one rank.");
            else if (need.Type == SenCodes.NoSpecialistAssessment && provision != SenCodes.SenSupport)
                yield return new($"needs[{i}].type", "NSA (no specialist assessment of need) is used only with SEN support (K).");

            if (need.Rank is not (1 or 2))
                yield return new($"needs[{i}].rank", "The rank is 1 (primary need) or 2 (secondary need).");
            else if (!ranks.Add(need.Rank.Value))
                yield return new($"needs[{i}].rank", $"Rank {need.Rank} is given twice: one primary (1) and at most one secondary (2) need.");
        }
        if (ranks.Contains(2) && !ranks.Contains(1))
            yield return new("needs", "A secondary need (rank 2) needs a primary need (rank 1).");
    }

    /// <summary>The needs as primary and secondary (call after <see cref="Check"/> accepted them).</summary>
    public static (string? Primary, string? Secondary) Ranked(IReadOnlyList<NeedInput>? needs) =>
        (needs?.FirstOrDefault(n => n.Rank == 1)?.Type, needs?.FirstOrDefault(n => n.Rank == 2)?.Type);

    /// <summary>
    /// Puts a pupil's periods in order: an open period followed by a later one ends the day before it starts (starting
    /// a new provision ends the current one). Returns why the periods still overlap, or null when they do not.
    /// </summary>
    public static string? Arrange(IReadOnlyList<SenProvisionPeriod> periods)
    {
        var ordered = periods.OrderBy(p => p.From).ThenBy(p => p.To).ToList();
        for (var i = 0; i + 1 < ordered.Count; i++)
        {
            var (current, next) = (ordered[i], ordered[i + 1]);
            if (current.IsOpen && next.StartDate is { } nextStart && nextStart > current.From)
                current.End(nextStart.AddDays(-1));
            if (current.Overlaps(next))
                return $"The {Describe(next)} overlaps the {Describe(current)}: a pupil has one SEN provision at a time.";
        }
        return null;
    }

    private static string Describe(SenProvisionPeriod p) =>
        $"{p.Provision} period " + (p.StartDate is { } s ? $"from {s:d MMM yyyy}" : "with no start date") + (p.EndDate is { } e ? $" to {e:d MMM yyyy}" : " (current)");
}
