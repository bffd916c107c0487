using Microsoft.EntityFrameworkCore;
using SchoolMis.Census.Data;
using SchoolMis.Census.Domain;
using SchoolMis.Census.Validation;
using SchoolMis.Platform.Security;

namespace SchoolMis.Census.Returns;

/// <summary>
/// The census's one use case shape: gather a collection's return, validate it, and record the check (and, when a
/// file is produced, the file with its serial number). Pages and APIs, school and LA alike, go through here.
/// </summary>
public sealed class CensusReturns(CensusGatherer gatherer, CensusValidator validator, CensusDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <summary>Validates the return as it stands and records nothing: what the census page shows when it is opened.</summary>
    public async Task<(CensusReturnData Data, CensusValidation Validation)> ReviewAsync(CensusCollection collection, CancellationToken ct)
    {
        var data = await gatherer.GatherAsync(collection, await NextSerialAsync(collection, ct), ct);
        return (data, validator.Validate(data));
    }

    /// <summary>Validates the return as it stands and records the check, without producing a file.</summary>
    public async Task<(CensusReturnData Data, CensusValidation Validation)> CheckAsync(CensusCollection collection, CancellationToken ct)
    {
        var (data, validation) = await ReviewAsync(collection, ct);
        await RecordCheckAsync(data, validation, ct);
        await db.SaveChangesAsync(ct);
        return (data, validation);
    }

    /// <summary>Produces a return file: checks it, and records the file under the next serial number.</summary>
    public async Task<CensusReturnData> ProduceAsync(CensusCollection collection, CancellationToken ct)
    {
        var (data, validation) = await ReviewAsync(collection, ct);
        await RecordCheckAsync(data, validation, ct);
        db.ReturnFiles.Add(new CensusReturnFile
        {
            Year = collection.Year, Term = collection.TermCode, SerialNo = data.SerialNo, FileName = data.FileName,
            ProducedAt = clock.GetUtcNow(), ProducedBy = user.AuditName, PupilsOnRoll = data.OnRoll.Count,
            PupilsNoLongerOnRoll = data.NoLongerOnRoll.Count, Errors = validation.Errors.Count, Queries = validation.Queries.Count,
        });
        await db.SaveChangesAsync(ct);
        return data;
    }

    /// <summary>The latest check and file of a collection, for status displays.</summary>
    public async Task<CensusStatus> StatusAsync(CensusCollection collection, CancellationToken ct)
    {
        var check = await db.Checks.AsNoTracking().FirstOrDefaultAsync(c => c.Year == collection.Year && c.Term == collection.TermCode, ct);
        var file = await db.ReturnFiles.AsNoTracking().Where(f => f.Year == collection.Year && f.Term == collection.TermCode)
            .OrderByDescending(f => f.SerialNo).FirstOrDefaultAsync(ct);
        return new CensusStatus(collection, check, file);
    }

    private async Task<int> NextSerialAsync(CensusCollection collection, CancellationToken ct) =>
        (await db.ReturnFiles.Where(f => f.Year == collection.Year && f.Term == collection.TermCode)
            .MaxAsync(f => (int?)f.SerialNo, ct) ?? 0) + 1;

    private async Task RecordCheckAsync(CensusReturnData data, CensusValidation validation, CancellationToken ct)
    {
        var c = data.Collection;
        var check = await db.Checks.FirstOrDefaultAsync(x => x.Year == c.Year && x.Term == c.TermCode, ct);
        if (check is null)
            db.Checks.Add(check = new CensusCheck { Year = c.Year, Term = c.TermCode });
        check.CheckedAt = clock.GetUtcNow();
        check.CheckedBy = user.AuditName;
        check.Errors = validation.Errors.Count;
        check.Queries = validation.Queries.Count;
        check.PupilsOnRoll = data.OnRoll.Count;
        check.PupilsNoLongerOnRoll = data.NoLongerOnRoll.Count;
    }
}

/// <summary>Where a school stands with a collection: its latest check and latest file, either possibly none yet.</summary>
public sealed record CensusStatus(CensusCollection Collection, CensusCheck? LastCheck, CensusReturnFile? LastFile)
{
    /// <summary>"Not checked", "Errors to fix", "Ready to send" or "Return produced", as the LA and school pages show it.</summary>
    public string Describe() => (LastCheck, LastFile) switch
    {
        (null, _) => "Not checked",
        ({ Errors: > 0 }, _) => "Errors to fix",
        (_, null) => "Ready to send",
        _ => "Return produced",
    };
}
