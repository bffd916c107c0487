using System.Globalization;
using System.Xml;

namespace SchoolMis.Platform.Xml;

/// <summary>
/// How SchoolMis writes DfE XML (CTF, School Census): dates as yyyy-MM-dd, and an optional item with no value left out
/// altogether rather than written empty (NOTES.md 12: some MIS reject empty elements).
/// </summary>
public static class DfeXml
{
    /// <summary>An element with text; nothing at all when there is no value.</summary>
    public static async Task El(XmlWriter w, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return;
        await w.WriteElementStringAsync(null, name, null, value);
    }

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
