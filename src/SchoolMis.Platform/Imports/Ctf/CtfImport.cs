using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using SchoolMis.Platform.Data;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Platform.Imports.Ctf;

/// <summary>
/// The part of a CTF one module imports (its pupils, contacts, attendance ...). Sections run in <see cref="Order"/>
/// inside one shared transaction, each reading the whole file again as a stream, so a later section finds the pupils
/// an earlier one wrote. A section usually turns each pupil into rows of one of its module's import datasets.
/// </summary>
public interface ICtfSection
{
    /// <summary>The name the report gives the section (pupils, contacts, attendance ...).</summary>
    string Name { get; }

    int Order { get; }

    Task<ImportReport> ImportAsync(IAsyncEnumerable<CtfPupil> pupils, CtfImportContext context, bool dryRun, CancellationToken cancellationToken);
}

/// <summary>What sections share during one import.</summary>
public sealed class CtfImportContext(CtfHeader header, TenantInfo school, DateOnly admissionDate)
{
    private readonly Dictionary<(string Element, string Reason), HashSet<int>> _skipped = [];

    public CtfHeader Header { get; } = header;
    public TenantInfo School { get; } = school;

    /// <summary>The school's own old MIS sent the file (a migration), rather than another school (a transfer in).</summary>
    public bool FromThisSchool => Header.Source.LaEstab == School.LaEstab;

    /// <summary>The admission date of pupils new to the school, when the file does not carry their entry to this school.</summary>
    public DateOnly AdmissionDate { get; } = admissionDate;

    /// <summary>UPN → the externalId the pupils section gave the pupil, for the sections after it.</summary>
    public Dictionary<string, string> PupilKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Pupils refused by an earlier section: later sections leave them out rather than report them again.</summary>
    public HashSet<int> RejectedPupils { get; } = [];

    /// <summary>Records that a pupil's element was not imported, and why (reported, never silently dropped).</summary>
    public void Skip(string element, int pupil, string reason)
    {
        if (!_skipped.TryGetValue((element, reason), out var pupils))
            _skipped[(element, reason)] = pupils = [];
        pupils.Add(pupil);
    }

    internal IReadOnlyList<CtfSkipped> Skipped =>
        _skipped.Select(s => new CtfSkipped(s.Key.Element, s.Value.Count, s.Key.Reason)).OrderBy(s => s.Element, StringComparer.Ordinal).ToList();

    /// <summary>A row for a JSON import dataset, numbered by the pupil it came from.</summary>
    public static RawRow Row(CtfPupil pupil, object row) => new(pupil.Number, JsonSerializer.SerializeToElement(row, JsonSerializerOptions.Web), null);
}

public sealed record CtfSkipped(string Element, int Pupils, string Reason);

public sealed record CtfImportError(string Section, int Row, string? ExternalId, string Field, string Code, string Message);

/// <summary>The answer to a CTF import: the header read, each section's counts, what was skipped, and every error (row = pupil number in the file).</summary>
public sealed record CtfImportReport(string Dataset, bool DryRun, string? CtfVersion, CtfSchool? SourceSchool, int Received, int Rejected,
    IReadOnlyList<ImportReport> Sections, IReadOnlyList<CtfSkipped> Skipped, IReadOnlyList<CtfImportError> Errors);

/// <summary>
/// Imports a Common Transfer File kept on disk: a first pass reads all of it (well-formed, no DTD, a supported
/// header) and surveys what it holds before anything is written; then each module's section runs in one shared
/// transaction, committed only when no section rejected anything and this is not a dry run.
/// Run it in a fresh tenant scope (<see cref="TenantScopeFactory"/>): the shared transaction must begin before any
/// module context of the scope is built.
/// </summary>
public static class CtfImport
{
    /// <summary>The name a CTF goes by beside the datasets (the API route, jobs, the migration page).</summary>
    public const string Dataset = "ctf";

    /// <param name="progress">Told how many pupils the sections have worked through so far (of pupils × sections).</param>
    public static async Task<CtfImportReport> RunAsync(IServiceProvider services, string path, bool dryRun, DateOnly admissionDate,
        Action<int>? progress, CancellationToken cancellationToken)
    {
        var school = services.GetRequiredService<ITenantContext>().Current;
        CtfHeader header;
        var survey = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        try
        {
            header = await CtfFile.ReadHeaderAsync(path, SchoolCalendar.Today(services.GetRequiredService<TimeProvider>()), cancellationToken);
            var reads = Reads(services);
            var pupils = 0;
            await foreach (var pupil in CtfFile.PupilsAsync(path, cancellationToken))
            {
                pupils++;
                Survey(pupil.Element, "", reads, pupil.Number, survey);
            }
            if (pupils == 0)
                throw new CtfFormatException("CTFpupilData", "The file holds no pupils.");
        }
        catch (CtfFormatException e)
        {
            return new CtfImportReport("ctf", dryRun, null, null, 0, 0, [], [],
                [new CtfImportError("file", 0, null, e.Field, "malformed", e.Message)]);
        }

        var context = new CtfImportContext(header, school, admissionDate);
        foreach (var (element, pupils) in survey)
            foreach (var pupil in pupils)
                context.Skip(element, pupil, "SchoolMis does not store this yet; it was not imported.");

        var shared = services.GetRequiredService<SharedTransaction>();
        await shared.BeginAsync(cancellationToken);
        var reports = new List<ImportReport>();
        var errors = new List<CtfImportError>();
        var worked = 0;
        foreach (var section in services.GetServices<ICtfSection>().OrderBy(s => s.Order))
        {
            var pupils = CtfFile.PupilsAsync(path, cancellationToken)
                .Select(p =>
                {
                    if (++worked % 50 == 0)
                        progress?.Invoke(worked);
                    return p;
                })
                .Where(p => !context.RejectedPupils.Contains(p.Number));
            var report = await section.ImportAsync(pupils, context, dryRun, cancellationToken);
            reports.Add(report with { Errors = [] });
            foreach (var error in report.Errors)
            {
                errors.Add(new CtfImportError(section.Name, error.Row, error.ExternalId, error.Field, error.Code, error.Message));
                context.RejectedPupils.Add(error.Row);
            }
        }
        var rejected = context.RejectedPupils.Count;
        if (rejected == 0 && !dryRun)
            await shared.CommitAsync(cancellationToken);
        else
            await shared.RollbackAsync(cancellationToken);

        progress?.Invoke(worked);
        var received = reports.FirstOrDefault()?.Received ?? 0;
        return new CtfImportReport("ctf", dryRun, header.Version, header.Source, received, rejected, reports, context.Skipped,
            errors.OrderBy(e => e.Row).ThenBy(e => e.Section, StringComparer.Ordinal).Take(1000).ToList());
    }

    /// <summary>How much work a file is, for a progress bar: its pupils times the sections (0 when it cannot be read).</summary>
    public static async Task<int> CountWorkAsync(int sections, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await CtfFile.PupilsAsync(path, cancellationToken).CountAsync(cancellationToken) * sections;
        }
        catch (CtfFormatException)
        {
            return 0;
        }
    }

    /// <summary>
    /// A CTF report as a dataset's report (pages and jobs that show any import): counted in pupils, with every error
    /// prefixed by its section. The full report keeps the sections and what was skipped.
    /// </summary>
    public static ImportReport Summary(CtfImportReport report)
    {
        var pupils = report.Sections.FirstOrDefault();
        return new ImportReport(Dataset, report.DryRun, report.Received, pupils?.Created ?? 0, pupils?.Updated ?? 0, pupils?.Unchanged ?? 0,
            // A file that cannot be read at all is rejected whole, though no pupil was reached.
            Math.Max(report.Rejected, report.Errors.Count > 0 ? 1 : 0), [.. report.Errors.Select(e => new ImportError(e.Row, e.ExternalId, e.Field.Length == 0 ? e.Section : $"{e.Section}: {e.Field}", e.Code, e.Message))]);
    }

    private static List<string> Reads(IServiceProvider services) =>
        // Section instances are built after the shared transaction begins; their declared paths are static data.
        services.GetServices<CtfSectionPaths>().SelectMany(p => p.Reads).ToList();

    /// <summary>Notes, per path, the pupils with content no section reads (a whole unread subtree is named once, at its root).</summary>
    private static void Survey(XElement element, string path, List<string> reads, int pupil, Dictionary<string, HashSet<int>> unread)
    {
        foreach (var child in element.Elements())
        {
            var childPath = path.Length == 0 ? child.Name.LocalName : $"{path}/{child.Name.LocalName}";
            if (reads.Any(r => childPath == r || childPath.StartsWith(r + "/", StringComparison.Ordinal)))
                continue;
            if (reads.Any(r => r.StartsWith(childPath + "/", StringComparison.Ordinal)))
            {
                Survey(child, childPath, reads, pupil, unread);
                continue;
            }
            if (child.Value.Trim().Length == 0 || IsFalse(child))
                continue; // empty elements and "false" flags carry nothing to lose
            if (!unread.TryGetValue(childPath, out var pupils))
                unread[childPath] = pupils = [];
            pupils.Add(pupil);
        }
    }

    private static bool IsFalse(XElement element) => !element.HasElements && element.Value.Trim() == "false";
}

/// <summary>
/// The paths below <c>Pupil</c> a module's CTF section imports (a path covers everything below it), registered beside
/// the section; anything else a pupil carries is reported as skipped.
/// </summary>
public sealed record CtfSectionPaths(IReadOnlyCollection<string> Reads);

public static class CtfServices
{
    /// <summary>How many sections the modules registered.</summary>
    public static int SectionCount(this IServiceProvider services) => services.GetServices<CtfSectionPaths>().Count();

    /// <summary>Registers a module's CTF section, and the paths it reads for the survey that runs before any section is built.</summary>
    public static IServiceCollection AddCtfSection<TSection>(this IServiceCollection services, params string[] reads) where TSection : class, ICtfSection
    {
        services.AddScoped<ICtfSection, TSection>();
        services.AddSingleton(new CtfSectionPaths(reads));
        return services;
    }
}
