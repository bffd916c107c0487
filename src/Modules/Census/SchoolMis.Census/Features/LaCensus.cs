using System.IO.Compression;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Census.Domain;
using SchoolMis.Census.Returns;
using SchoolMis.Platform.Security;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Census.Features;

/// <summary>
/// The local authority's view of its schools' census: every school's state, a check on demand, and every return in
/// one zip. An LA request names no school, so each school's work runs in a scope of its own
/// (<see cref="TenantScopeFactory"/>) that sees that school's data and nothing else; the list of schools comes from
/// the caller's LA, never from anything the caller sends.
/// </summary>
public sealed class LaCensusReturns(ITenantStore schools, TenantScopeFactory scopes)
{
    /// <summary>The LA's schools that are open on the platform (a suspended school sends no return), by name.</summary>
    public async Task<IReadOnlyList<TenantInfo>> SchoolsAsync(string la, CancellationToken ct) =>
        (await schools.ListByLaAsync(la, ct)).Where(s => s.Status == SchoolStatus.Active).ToList();

    public async Task<IReadOnlyList<(TenantInfo School, CensusStatus Status)>> StatusesAsync(string la, CensusCollection collection, CancellationToken ct)
    {
        var rows = new List<(TenantInfo, CensusStatus)>();
        foreach (var school in await SchoolsAsync(la, ct))
            rows.Add((school, await scopes.RunAsync(school.Id, (sp, c) => sp.GetRequiredService<CensusReturns>().StatusAsync(collection, c), ct)));
        return rows;
    }

    /// <summary>Checks one school's return, or answers null when the school is not one of the LA's (nothing runs).</summary>
    public async Task<CensusStatus?> CheckAsync(string la, Guid schoolId, CensusCollection collection, CancellationToken ct)
    {
        if ((await SchoolsAsync(la, ct)).All(s => s.Id != schoolId))
            return null;
        return await scopes.RunAsync(schoolId, async (sp, c) =>
        {
            var census = sp.GetRequiredService<CensusReturns>();
            await census.CheckAsync(collection, c);
            return await census.StatusAsync(collection, c);
        }, ct);
    }

    /// <summary>
    /// Writes a zip of one return per school straight to <paramref name="output"/>: each school's XML is written into
    /// its entry as it is produced, so neither the zip nor a return is ever held whole in memory.
    /// </summary>
    public async Task WriteZipAsync(Stream output, string la, CensusCollection collection, CancellationToken ct)
    {
        var all = await SchoolsAsync(la, ct);
        var sink = new SyncWriteBuffer(output);
        // Not `await using`: if a school fails half-way, the response is cut short rather than closed as a valid zip.
        var zip = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
        foreach (var school in all)
        {
            await scopes.RunAsync(school.Id, async (sp, c) =>
            {
                var data = await sp.GetRequiredService<CensusReturns>().ProduceAsync(collection, c);
                await using var entry = await zip.CreateEntry(data.FileName, CompressionLevel.Optimal).OpenAsync(c);
                await CensusWriter.WriteAsync(entry, data, c);
            }, ct);
            await sink.FlushAsync(ct);
        }
        await zip.DisposeAsync();
        await sink.FlushAsync(ct);
    }

    public static string ZipName(string la, CensusCollection collection) => $"{la}_SC_{collection.Year}_{collection.TermCode}.zip";
}

/// <summary>
/// ZipArchive still writes a little synchronously (an entry's last compressed block as its stream closes), and ASP.NET
/// Core refuses synchronous writes to a response. This stream keeps those few bytes and sends them on at the next
/// asynchronous write or flush; everything written asynchronously passes straight through.
/// </summary>
internal sealed class SyncWriteBuffer(Stream inner) : Stream
{
    private readonly MemoryStream _pending = new();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendPendingAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    /// <summary>Nothing can be sent synchronously; the next asynchronous write or flush sends it.</summary>
    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    private async ValueTask SendPendingAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length == 0)
            return;
        await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
        _pending.SetLength(0);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>GET /api/v1/las/{la}/census/{year}/{term} (API.md, Census), and the LA officer's page's download.</summary>
public static class LaCensusApi
{
    public static IEndpointRouteBuilder MapLaCensusApi(this IEndpointRouteBuilder app)
    {
        // A malformed LA code matches no route (404): it cannot name an LA anyone is granted.
        app.MapGet("/api/v1/las/{la:regex(^[0-9]{{3}}$)}/census/{year:int}/{term}",
                (string la, int year, string term, LaCensusReturns returns, CancellationToken ct) => Zip(la, year, term, returns, ct))
            .RequireAuthorization(Policies.LaCensus).WithTags("Census")
            .WithSummary("A zip with one School Census XML per school of the LA, each named as DfE names it; for a client or officer of that LA");
        // The LA officer's "Download all returns": their LA comes from their sign-in, not from the address.
        app.MapGet("/la/census/{year:int}/{term}/returns",
                (ClaimsPrincipal user, int year, string term, LaCensusReturns returns, CancellationToken ct) =>
                    Zip(user.FindFirstValue(SchoolMisClaims.La)!, year, term, returns, ct))
            .RequireAuthorization(Policies.LaOfficer).ExcludeFromDescription();
        return app;
    }

    private static IResult Zip(string la, int year, string term, LaCensusReturns returns, CancellationToken ct)
    {
        if (!CensusCollection.TryParse(year, term, out var collection))
            return SchoolCensusApi.BadCollection();
        return Results.Stream(body => returns.WriteZipAsync(body, la, collection, ct), "application/zip", LaCensusReturns.ZipName(la, collection));
    }
}
