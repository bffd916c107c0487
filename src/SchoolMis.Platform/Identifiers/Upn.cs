namespace SchoolMis.Platform.Identifiers;

/// <summary>
/// The Unique Pupil Number: 13 characters, a check letter then 12 characters (positions 2-4 the LA, 5-8 the
/// establishment, 9-10 the year, 11-13 a serial). A temporary UPN ends in a letter. Algorithm: DfE "Unique Pupil
/// Numbers" guidance; see shared/standards/NOTES.md 6.1.
/// </summary>
public static class Upn
{
    // The check alphabet: 23 letters, I, O and S are never used.
    private const string Letters = "ABCDEFGHJKLMNPQRTUVWXYZ";

    public static bool IsValid(string? upn) => Check(upn) is null;

    public static bool IsTemporary(string upn) => upn.Length == 13 && char.IsAsciiLetterUpper(upn[12]);

    /// <summary>Null when the UPN is valid; otherwise the reason, worded as DfE's validation messages are.</summary>
    public static string? Check(string? upn)
    {
        if (string.IsNullOrEmpty(upn))
            return "UPN is required.";
        if (upn.Length != 13)
            return "UPN must be 13 characters.";
        if (!Letters.Contains(upn[0]))
            return "UPN invalid (character 1 must be a check letter A-Z, not I, O or S).";
        for (var i = 1; i < 12; i++)
        {
            if (!char.IsAsciiDigit(upn[i]))
                return "UPN invalid (characters 2-12 not all numeric).";
        }
        if (!char.IsAsciiDigit(upn[12]) && !Letters.Contains(upn[12]))
            return "UPN invalid (character 13 not a recognised value).";
        if (upn[0] != CheckLetter(upn.AsSpan(1)))
            return "UPN invalid (wrong check letter at character 1).";
        return null;
    }

    /// <summary>The check letter for the 12 characters after it.</summary>
    public static char CheckLetter(ReadOnlySpan<char> rest)
    {
        if (rest.Length != 12)
            throw new ArgumentException("A UPN has 12 characters after the check letter.", nameof(rest));
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            // Position n (2..13) carries weight n; a temporary UPN's final letter counts as its index in the alphabet.
            var c = rest[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : Letters.IndexOf(c);
            sum += value * (i + 2);
        }
        return Letters[sum % 23];
    }
}

/// <summary>The Unique Learner Number: 10 digits, first not 0, weighted 10..1, valid when the sum mod 11 is 10.</summary>
public static class Uln
{
    public static bool IsValid(string? uln)
    {
        if (uln is null || uln.Length != 10 || uln[0] == '0' || !uln.All(char.IsAsciiDigit))
            return false;
        var sum = 0;
        for (var i = 0; i < 10; i++)
            sum += (uln[i] - '0') * (10 - i);
        return sum % 11 == 10;
    }
}
