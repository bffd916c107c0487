using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SchoolMis.Attendance.Domain;
using SchoolMis.Platform.Security;

namespace SchoolMis.Benchmarks;

/// <summary>One dataset's figures: the app through the HTTP API, and the raw bulk insert of the same rows.</summary>
internal sealed record ImportDatasetFigures(string Dataset, long Rows, int Requests, long Bytes, double AppSeconds, double BaselineSeconds,
    CpuUse AppCpu, CpuUse BaselineCpu)
{
    public double AppRate => Rows / AppSeconds;
    public double BaselineRate => Rows / BaselineSeconds;

    /// <summary>The app's time over the baseline's (2.0 = the app takes twice as long).</summary>
    public double TimeRatio => AppSeconds / BaselineSeconds;
}

internal sealed record ImportBenchResult(string Provider, int Pupils, int Contacts, long Marks, IReadOnlyList<ImportDatasetFigures> Datasets,
    double AppTotalSeconds, double BaselineTotalSeconds, ImportDatasetFigures? Reimport)
{
    public bool Disturbed => Datasets.Any(d => d.AppCpu.OtherPercent > 10 || d.BaselineCpu.OtherPercent > 10);
}

/// <summary>
/// Benchmark 3: migrating a whole school through the import API (registration groups, pupils, contacts, then three
/// years of attendance marks, streamed as NDJSON: one request per dataset, and one per term for the marks), as
/// schoolmis-migrate does, with a client-credentials token; beside a raw bulk insert of the same rows into the same
/// tables in the same run (SQLite: a prepared INSERT in one transaction; PostgreSQL: binary COPY).
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<ImportBenchResult> RunAsync(BenchApp app, BenchDatabase db, HttpClient platform, BenchOptions options)
    {
        var (schoolId, slug, estab) = await app.ProvisionSchoolAsync(platform, "Benchmark Migration School");
        var (clientId, secret) = await BenchApp.RegisterClientAsync(platform, [slug], Scopes.Import, Scopes.Read);
        using var api = app.NewClient(await app.TokenAsync(clientId, secret, Scopes.Import));
        api.Timeout = TimeSpan.FromMinutes(30);
        using var reader = app.NewClient(await app.TokenAsync(clientId, secret, Scopes.Read));
        var clock = Stopwatch.StartNew();
        var school = MigrationSchool.Make(options.ImportPupils, "801", estab, oneTermPerYear: options.Quick);
        Console.WriteLine($"  school: {school.Groups.Count} registration groups, {school.Pupils.Count:N0} pupils, {school.Contacts.Count:N0} contacts, " +
                          $"{school.MarkCount:N0} marks over {school.Terms.Count} terms ({school.Terms.Sum(t => t.Days.Count)} school days, " +
                          $"{school.Terms[0].Days[0]:yyyy-MM-dd} to {school.Terms[^1].Days[^1]:yyyy-MM-dd}); made in {clock.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"  code mix of the first term: {CodeMix(school.MarksOf(0))}");
        Console.WriteLine($"  code mix of the last term:  {CodeMix(school.MarksOf(school.Terms.Count - 1))}");

        // The baseline first, into the empty tables, under a tenant id of its own; its rows stay (as another school's
        // would in a shared database), so the app then writes into tables that already hold a school: the harder case.
        Console.WriteLine();
        Console.WriteLine($"  raw baseline ({db.BulkMethod}), the same rows for another tenant id:");
        var baseline = await BaselineAsync(db, school, options);

        Console.WriteLine();
        Console.WriteLine($"  the app: POST /api/v1/schools/{{school}}/imports/{{dataset}}, application/x-ndjson generated while it is sent:");
        await Load.WaitForQuietAsync(options.QuietWait);
        var figures = new List<ImportDatasetFigures>();
        var total = Stopwatch.StartNew();
        figures.Add(await AppDatasetAsync(api, slug, "registration-groups", [(null, school.Groups)], WriteGroup, baseline[0]));
        figures.Add(await AppDatasetAsync(api, slug, "pupils", [(null, school.Pupils)], WritePupil, baseline[1]));
        figures.Add(await AppDatasetAsync(api, slug, "contacts", [(null, school.Contacts)], WriteContact, baseline[2]));
        figures.Add(await AppDatasetAsync(api, slug, "attendance-marks",
            [.. school.Terms.Select((t, i) => ((string?)t.Name, school.MarksOf(i)))], WriteMark, baseline[3]));
        var appTotal = total.Elapsed.TotalSeconds;

        var counts = await reader.GetFromJsonAsync<Dictionary<string, int>>(new Uri($"/api/v1/schools/{slug}/reconciliation", UriKind.Relative));
        var expected = new Dictionary<string, long>
        {
            ["registration-groups"] = school.Groups.Count, ["pupils"] = school.Pupils.Count, ["contacts"] = school.Contacts.Count,
            ["attendance-marks"] = school.MarkCount,
        };
        var agree = expected.All(e => counts!.TryGetValue(e.Key, out var n) && n == e.Value);
        Console.WriteLine($"  reconciliation: {string.Join(", ", expected.Keys.Select(k => $"{k} {counts!.GetValueOrDefault(k):N0}"))}" +
                          (agree ? " (all as sent)" : " (MISMATCH)"));
        if (!agree)
            throw new InvalidOperationException("The school does not hold what was imported.");

        // The same term again: every mark is already there and unchanged (what a second run of the migration does).
        var last = school.Terms.Count - 1;
        var again = await AppDatasetAsync(api, slug, "attendance-marks", [($"{school.Terms[last].Name}, again", school.MarksOf(last))],
            WriteMark, null, expectUnchanged: true);

        var baselineTotal = baseline.Sum(b => b.Seconds);
        Console.WriteLine();
        Console.WriteLine($"  whole school: app {appTotal:0.0} s, raw baseline {baselineTotal:0.0} s ({appTotal / baselineTotal:0.0}x); " +
                          $"target <= 60 s on SQLite{(db is SqliteDatabase ? appTotal <= 60 ? ": met" : $": MISSED by {appTotal - 60:0} s" : " (this is PostgreSQL)")}");
        return new ImportBenchResult(db.Name, school.Pupils.Count, school.Contacts.Count, school.MarkCount, figures, appTotal, baselineTotal, again);
    }

    private sealed record BaselineFigures(string Dataset, long Rows, double Seconds, CpuUse Cpu);

    private static async Task<IReadOnlyList<BaselineFigures>> BaselineAsync(BenchDatabase db, MigrationSchool school, BenchOptions options)
    {
        var tenant = Guid.CreateVersion7();
        var at = DateTimeOffset.UtcNow;
        const string by = "Import by API client Benchmark client";
        var groupIds = school.Groups.ToDictionary(g => g, _ => Guid.CreateVersion7());
        var pupilIds = school.Pupils.ToDictionary(p => p, _ => Guid.CreateVersion7());
        var results = new List<BaselineFigures>();

        async Task Measure(string dataset, long rows, Func<Task> insert)
        {
            await Load.WaitForQuietAsync(options.QuietWait);
            var cpu = CpuSample.Take();
            var clock = Stopwatch.StartNew();
            await insert();
            var seconds = clock.Elapsed.TotalSeconds;
            var use = CpuSample.Take().Since(cpu);
            results.Add(new BaselineFigures(dataset, rows, seconds, use));
            Console.WriteLine($"    {dataset,-20} {rows,10:N0} rows in {seconds,6:0.00} s  {rows / seconds,10:N0} rows/s  " +
                              $"(CPU: machine {use.MachinePercent:0}%, database {use.DatabasePercent:0}%, other {use.OtherPercent:0}%)");
        }

        await Measure("registration-groups", school.Groups.Count, () => db.BulkInsertAsync("pupils", "RegistrationGroups",
            ["Id", "TenantId", "ExternalId", "Code", "Name", "NcYear"],
            school.Groups.Select(g => new object?[] { groupIds[g], tenant, g.ExternalId, g.Code, g.Name, g.NcYear })));
        await Measure("pupils", school.Pupils.Count, async () =>
        {
            await db.BulkInsertAsync("pupils", "Pupils",
                ["Id", "TenantId", "ExternalId", "Upn", "Surname", "Forename", "MiddleNames", "PreferredForename", "DateOfBirth", "Sex",
                 "AdmissionNumber", "AdmissionDate", "EnrolmentStatus", "NcYear", "RegistrationGroupId", "Ethnicity", "FirstLanguage",
                 "AddressLine1", "AddressLine2", "Postcode"],
                school.Pupils.Select(p => new object?[]
                {
                    pupilIds[p], tenant, p.ExternalId, p.Upn, p.Surname, p.Forename, p.MiddleNames, p.PreferredForename, p.DateOfBirth, p.Sex,
                    p.AdmissionNumber, p.AdmissionDate, "C", p.NcYear, groupIds[p.Group], p.Ethnicity, p.FirstLanguage, p.Line1, p.Line2, p.Postcode,
                }));
            await db.BulkInsertAsync("pupils", "SiblingLinks", ["PupilId", "SiblingExternalId", "TenantId"],
                school.Pupils.SelectMany(p => p.Siblings.Select(s => new object?[] { pupilIds[p], s, tenant })));
        });
        await Measure("contacts", school.Contacts.Count, async () =>
        {
            var contactIds = school.Contacts.ToDictionary(c => c, _ => Guid.CreateVersion7());
            await db.BulkInsertAsync("pupils", "Contacts",
                ["Id", "TenantId", "ExternalId", "PupilId", "Order", "Title", "Surname", "Forename", "Relationship", "ParentalResponsibility", "Email", "AddressAsPupil"],
                school.Contacts.Select(c => new object?[]
                {
                    contactIds[c], tenant, c.ExternalId, pupilIds[c.Pupil], c.Order, c.Title, c.Surname, c.Forename, c.Relationship,
                    c.ParentalResponsibility, c.Email, c.AddressAsPupil,
                }));
            await db.BulkInsertAsync("pupils", "ContactPhones", ["Type", "Number", "ContactId"],
                school.Contacts.SelectMany(c => c.Phones.Select(p => new object?[] { p.Type, p.Number, contactIds[c] })));
        });
        await Measure("attendance-marks", school.MarkCount, async () =>
        {
            // One transaction per term, as the app has one per request.
            for (var term = 0; term < school.Terms.Count; term++)
            {
                await db.BulkLoadAsync(school.MarksOf(term).Select(m =>
                {
                    var code = AttendanceCodes.On(m.Code, m.Date)!;
                    return new MarkRow(Guid.CreateVersion7(), tenant, pupilIds[m.Pupil], m.Date, m.Session, m.Code, (int)code.Category,
                        AttendanceCodes.TakesMinutesLate(m.Code) ? m.MinutesLate : null, groupIds[m.Pupil.Group], at, by, m.Comment);
                }));
            }
        });
        return results;
    }

    private static async Task<ImportDatasetFigures> AppDatasetAsync<T>(HttpClient api, string slug, string dataset,
        IReadOnlyList<(string? Part, IEnumerable<T> Rows)> requests, Action<Utf8JsonWriter, T> write, BaselineFigures? baseline,
        bool expectUnchanged = false)
    {
        long rows = 0, bytes = 0;
        var cpu = CpuSample.Take();
        var clock = Stopwatch.StartNew();
        foreach (var (part, source) in requests)
        {
            var started = Stopwatch.GetTimestamp();
            using var content = new NdjsonContent<T>(source, write);
            using var response = await api.PostAsync(new Uri($"/api/v1/schools/{slug}/imports/{dataset}", UriKind.Relative), content);
            var body = await response.Content.ReadAsStringAsync();
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"{dataset} import failed: HTTP {(int)response.StatusCode} {(body.Length > 2000 ? body[..2000] : body)}");
            var report = JsonDocument.Parse(body).RootElement;
            var received = report.GetProperty("received").GetInt64();
            var done = report.GetProperty(expectUnchanged ? "unchanged" : "created").GetInt64();
            if (received != content.Rows || done != content.Rows)
                throw new InvalidOperationException($"{dataset}: sent {content.Rows} rows, the report says {body}");
            rows += content.Rows;
            bytes += content.Bytes;
            if (part is not null)
            {
                Console.WriteLine($"      {part,-22} {content.Rows,10:N0} rows {content.Bytes / 1048576.0,6:0.0} MB in {seconds,6:0.00} s " +
                                  $"{content.Rows / seconds,10:N0} rows/s{(expectUnchanged ? " (all unchanged)" : "")}");
            }
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        var use = CpuSample.Take().Since(cpu);
        var figures = new ImportDatasetFigures(dataset, rows, requests.Count, bytes, elapsed, baseline?.Seconds ?? double.NaN, use,
            baseline?.Cpu ?? default);
        Console.WriteLine($"    {dataset,-20} {rows,10:N0} rows in {elapsed,6:0.00} s  {rows / elapsed,10:N0} rows/s  " +
                          $"{requests.Count} request{(requests.Count == 1 ? "" : "s")}, {bytes / 1048576.0:0.0} MB" +
                          (baseline is null ? "" : $"; {figures.TimeRatio:0.0}x the baseline's time") +
                          $"  (CPU: machine {use.MachinePercent:0}%, database {use.DatabasePercent:0}%, other {use.OtherPercent:0}%; " +
                          $"this process {use.ProcessMs / 1000 / elapsed * 100 / Environment.ProcessorCount:0}%)");
        return figures;
    }

    private static string CodeMix(IEnumerable<MarkSource> marks)
    {
        var counts = marks.GroupBy(m => m.Code).Select(g => (g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ToList();
        var total = (double)counts.Sum(c => c.Count);
        return string.Join(" ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {100 * c.Count / total:0.0}%")));
    }

    private static void WriteGroup(Utf8JsonWriter json, GroupSource g)
    {
        json.WriteStartObject();
        json.WriteString("externalId", g.ExternalId);
        json.WriteString("code", g.Code);
        json.WriteString("name", g.Name);
        json.WriteString("ncYear", g.NcYear);
        json.WriteEndObject();
    }

    private static void WritePupil(Utf8JsonWriter json, PupilSource p)
    {
        json.WriteStartObject();
        json.WriteString("externalId", p.ExternalId);
        json.WriteString("upn", p.Upn);
        json.WriteString("surname", p.Surname);
        json.WriteString("forename", p.Forename);
        if (p.MiddleNames is not null)
            json.WriteString("middleNames", p.MiddleNames);
        if (p.PreferredForename is not null)
            json.WriteString("preferredForename", p.PreferredForename);
        json.WriteString("dateOfBirth", p.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("sex", p.Sex);
        json.WriteString("admissionNumber", p.AdmissionNumber);
        json.WriteString("admissionDate", p.AdmissionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("enrolmentStatus", "C");
        json.WriteString("ncYear", p.NcYear);
        json.WriteString("registrationGroupExternalId", p.Group.ExternalId);
        json.WriteString("ethnicity", p.Ethnicity);
        json.WriteString("firstLanguage", p.FirstLanguage);
        json.WriteStartObject("address");
        json.WriteString("line1", p.Line1);
        json.WriteString("line2", p.Line2);
        json.WriteString("postcode", p.Postcode);
        json.WriteEndObject();
        if (p.Siblings.Count > 0)
        {
            json.WriteStartArray("siblingExternalIds");
            foreach (var s in p.Siblings)
                json.WriteStringValue(s);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteContact(Utf8JsonWriter json, ContactSource c)
    {
        json.WriteStartObject();
        json.WriteString("externalId", c.ExternalId);
        json.WriteString("pupilExternalId", c.Pupil.ExternalId);
        json.WriteNumber("order", c.Order);
        json.WriteString("title", c.Title);
        json.WriteString("surname", c.Surname);
        json.WriteString("forename", c.Forename);
        json.WriteString("relationship", c.Relationship);
        json.WriteBoolean("parentalResponsibility", c.ParentalResponsibility);
        json.WriteStartArray("phones");
        foreach (var (type, number) in c.Phones)
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteString("number", number);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (c.Email is not null)
            json.WriteString("email", c.Email);
        json.WriteBoolean("addressAsPupil", c.AddressAsPupil);
        json.WriteEndObject();
    }

    private static void WriteMark(Utf8JsonWriter json, MarkSource m)
    {
        json.WriteStartObject();
        json.WriteString("pupilExternalId", m.Pupil.ExternalId);
        json.WriteString("date", m.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("session", m.SessionName);
        json.WriteString("code", m.Code);
        if (m.MinutesLate is { } late)
            json.WriteNumber("minutesLate", late);
        if (m.Comment is not null)
            json.WriteString("comment", m.Comment);
        json.WriteEndObject();
    }
}
