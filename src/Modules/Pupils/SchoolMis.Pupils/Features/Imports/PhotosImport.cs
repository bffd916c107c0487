using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Pupils.Data;
using SchoolMis.Pupils.Domain;

namespace SchoolMis.Pupils.Features.Imports;

/// <summary>What a photos zip did: which files matched a pupil, which did not, and which were not JPEGs.</summary>
public sealed record PhotosReport(bool DryRun, int Received, int Matched, IReadOnlyList<string> Updated, IReadOnlyList<string> NotMatched,
    IReadOnlyList<string> NotJpeg);

/// <summary>
/// Loads a zip of <c>[AdmissionNo].jpg</c> files. Entries are checked before anything is written: a name with a path
/// refuses the whole zip (it is not what a school's export looks like), and no entry may exceed the size limit,
/// whatever size the zip claims.
/// </summary>
public sealed class PhotosImport(PupilsDbContext db, TimeProvider clock)
{
    public const long MaxPhotoBytes = 5 * 1024 * 1024;
    public const int MaxEntries = 10_000;

    public async Task<PhotosReport> ImportAsync(Stream zip, bool dryRun, CancellationToken ct)
    {
        // ZipArchive needs a seekable stream; the upload is spooled to a temporary file, never held in memory whole.
        await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await zip.CopyToAsync(spool, ct);
        spool.Position = 0;
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(spool, ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw new Platform.Messaging.DomainRuleException("The body is not a zip file.");
        }
        using var _ = archive;
        var entries = archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
        if (entries.Count > MaxEntries)
            throw new Platform.Messaging.DomainRuleException($"A photos zip may hold at most {MaxEntries} files.");
        foreach (var entry in entries)
        {
            if (entry.FullName.Contains('/') || entry.FullName.Contains('\\') || entry.FullName.Contains(".."))
                throw new Platform.Messaging.DomainRuleException($"'{entry.FullName}' has a path; photos must sit at the top of the zip, named [AdmissionNo].jpg. Nothing was loaded.");
            if (entry.Length > MaxPhotoBytes)
                throw new Platform.Messaging.DomainRuleException($"'{entry.FullName}' is {entry.Length:N0} bytes uncompressed; a photo may be at most {MaxPhotoBytes:N0}. Nothing was loaded.");
        }

        var numbers = entries.Select(e => Path.GetFileNameWithoutExtension(e.Name)).Distinct().ToList();
        var pupils = await db.Pupils.Where(p => numbers.Contains(p.AdmissionNumber)).Select(p => new { p.Id, p.AdmissionNumber })
            .ToDictionaryAsync(p => p.AdmissionNumber, p => p.Id, ct);
        var existing = await db.Photos.Where(p => pupils.Values.Contains(p.PupilId)).ToDictionaryAsync(p => p.PupilId, ct);

        var matched = new List<string>();
        var notMatched = new List<string>();
        var notJpeg = new List<string>();
        foreach (var entry in entries)
        {
            var bytes = await ReadBoundedAsync(entry, ct);
            if (bytes is null)
                throw new Platform.Messaging.DomainRuleException($"'{entry.FullName}' is larger than it claims. Nothing was loaded.");
            if (!entry.Name.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) && !entry.Name.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)
                || bytes.Length < 3 || bytes[0] != 0xFF || bytes[1] != 0xD8 || bytes[2] != 0xFF)
            {
                notJpeg.Add(entry.FullName);
                continue;
            }
            if (!pupils.TryGetValue(Path.GetFileNameWithoutExtension(entry.Name), out var pupilId))
            {
                notMatched.Add(entry.FullName);
                continue;
            }
            matched.Add(entry.FullName);
            if (existing.TryGetValue(pupilId, out var photo))
            {
                photo.Jpeg = bytes;
                photo.UpdatedAt = clock.GetUtcNow();
            }
            else
                db.Photos.Add(existing[pupilId] = new PupilPhoto { PupilId = pupilId, Jpeg = bytes, UpdatedAt = clock.GetUtcNow() });
        }
        if (!dryRun)
            await db.SaveChangesAsync(ct);
        return new PhotosReport(dryRun, entries.Count, matched.Count, matched, notMatched, notJpeg);
    }

    /// <summary>Reads at most the limit: a zip can claim one size and inflate to another.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(ZipArchiveEntry entry, CancellationToken ct)
    {
        await using var stream = entry.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxPhotoBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
