using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;

namespace SchoolMis.Platform.Imports.Ctf;

/// <summary>The header of a Common Transfer File (NOTES.md section 2.3).</summary>
public sealed record CtfHeader(string Version, string Qualifier, string? SupplierId, CtfSchool Source, CtfSchool? Destination);

/// <summary>A school named by a CTF: the source, the destination, or one of a pupil's previous schools.</summary>
public sealed record CtfSchool(string? La, string? Estab, string? Urn, string? Name, int? AcademicYear)
{
    public string LaEstab => $"{La}{Estab}";
}

/// <summary>One pupil of the file: its position (reports name it as the row) and its element.</summary>
public sealed record CtfPupil(int Number, XElement Element)
{
    /// <summary>The pupil's UPN, upper case, or null.</summary>
    public string? Upn => Text("UPN")?.ToUpperInvariant();

    /// <summary>The trimmed text at a path below the pupil (e.g. <c>BasicDetails/NCyearActual</c>); null when absent or empty.</summary>
    public string? Text(string path) => CtfFile.Text(Element, path);
}

/// <summary>Why a file cannot be read as a CTF at all: nothing of it is imported.</summary>
public sealed class CtfFormatException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Reads Common Transfer Files safely and as a stream: DTDs (and so external entities) are refused, the header must be
/// a CTF of a version this product imports, and pupils come one element at a time, never the whole file in memory.
/// </summary>
public static class CtfFile
{
    /// <summary>
    /// The versions imported on a day: the current academic year's and the two before it (24.0, 25.0 and 26.0 in
    /// 2026/27). A version is the two-digit start year of its academic year, and a new one comes each September
    /// (NOTES.md 2.1), so the list moves on by itself, as the export's version does.
    /// </summary>
    public static IReadOnlyList<string> SupportedVersions(DateOnly today)
    {
        var start = today.Month >= 9 ? today.Year : today.Year - 1;
        return [.. Enumerable.Range(start - 2, 3).Select(year => $"{year % 100:00}.0")];
    }

    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit, // no DTD, so no entity expansion and no external entities
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    public static string? Text(XElement element, string path)
    {
        XElement? current = element;
        foreach (var name in path.Split('/'))
        {
            current = current.Element(name);
            if (current is null)
                return null;
        }
        var value = current.Value.Trim();
        return value.Length == 0 ? null : value;
    }

    public static DateOnly? Date(string? value) =>
        value is not null && DateOnly.TryParseExact(value.Length > 10 ? value[..10] : value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : null;

    /// <summary>Opens a file and reads its header; the reader is left at the first pupil (or the end).</summary>
    private static async Task<(XmlReader Reader, CtfHeader Header)> OpenAsync(string path, DateOnly? today, CancellationToken cancellationToken)
    {
        var reader = XmlReader.Create(File.OpenRead(path), Settings);
        try
        {
            await reader.MoveToContentAsync();
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "CTfile")
                throw new CtfFormatException("CTfile", $"This is not a Common Transfer File: the document element is <{reader.LocalName}>, not <CTfile>.");
            await reader.ReadAsync();
            await reader.MoveToContentAsync();
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Header")
                throw new CtfFormatException("Header", "A CTF starts with its <Header>.");
            var header = ReadHeader((XElement)await XNode.ReadFromAsync(reader, cancellationToken), today);
            await reader.MoveToContentAsync();
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "CTFpupilData")
                await reader.ReadAsync(); // onto the first pupil (or past an empty CTFpupilData)
            return (reader, header);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <param name="today">The day whose supported versions the header must have; null when the header was checked already.</param>
    private static CtfHeader ReadHeader(XElement header, DateOnly? today)
    {
        var name = Text(header, "DocumentName");
        if (name != "Common Transfer File")
            throw new CtfFormatException("Header/DocumentName", $"Header/DocumentName is '{name}', not 'Common Transfer File'.");
        var version = Text(header, "CTFversion");
        if (version is null || (today is { } day && !SupportedVersions(day).Contains(version)))
            throw new CtfFormatException("Header/CTFversion", $"CTF version '{version}' is not imported: send a file of version " +
                $"{string.Join(", ", today is { } on ? SupportedVersions(on) : [])}.");
        var qualifier = Text(header, "DocumentQualifier") ?? "full";
        if (qualifier is not ("full" or "partial"))
            throw new CtfFormatException("Header/DocumentQualifier", $"Header/DocumentQualifier is '{qualifier}', not full or partial.");
        var source = School(header.Element("SourceSchool"))
            ?? throw new CtfFormatException("Header/SourceSchool", "The header names no SourceSchool.");
        return new CtfHeader(version, qualifier, Text(header, "SupplierID"), source, School(header.Element("DestSchool")));
    }

    public static CtfSchool? School(XElement? school) => school is null ? null : new CtfSchool(
        Text(school, "LEA"), Text(school, "Estab"), Text(school, "URN"), Text(school, "SchoolName"),
        int.TryParse(Text(school, "AcademicYear"), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null);

    /// <summary>The header alone, checked to be of a version imported on <paramref name="today"/>.</summary>
    public static async Task<CtfHeader> ReadHeaderAsync(string path, DateOnly today, CancellationToken cancellationToken)
    {
        var (reader, header) = await Guard(() => OpenAsync(path, today, cancellationToken));
        reader.Dispose();
        return header;
    }

    /// <summary>The pupils of a file, one at a time.</summary>
    public static async IAsyncEnumerable<CtfPupil> PupilsAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (reader, _) = await Guard(() => OpenAsync(path, today: null, cancellationToken));
        using (reader)
        {
            var number = 0;
            while (true)
            {
                var pupil = await Guard(async () =>
                {
                    await reader.MoveToContentAsync();
                    while (reader.NodeType == XmlNodeType.Element && reader.LocalName != "Pupil")
                        await reader.SkipAsync(); // anything else beside pupils is not pupil data
                    return reader.NodeType == XmlNodeType.Element ? (XElement)await XNode.ReadFromAsync(reader, cancellationToken) : null;
                });
                if (pupil is null)
                    break;
                yield return new CtfPupil(++number, pupil);
            }
            // Read to the end, so that a file broken after its last pupil is refused too.
            await Guard(async () =>
            {
                while (await reader.ReadAsync()) { }
                return 0;
            });
        }
    }

    /// <summary>XML errors (malformed, a DTD) become format errors that say where.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new CtfFormatException("", $"XML with a DTD (DOCTYPE) is refused: a CTF has none, and DTDs can smuggle in external entities (line {e.LineNumber}).");
        }
        catch (XmlException e)
        {
            throw new CtfFormatException("", $"The file is not well-formed XML: {e.Message}");
        }
    }
}
