using System.Globalization;
using System.Text;
using System.Xml;
using Mediator;
using SchoolMis.Attendance.Contracts;
using SchoolMis.Meals.Contracts;
using SchoolMis.Platform;
using SchoolMis.Platform.Security;
using SchoolMis.Platform.Tenancy;
using SchoolMis.Pupils.Contracts;
using static SchoolMis.Platform.Xml.DfeXml;
using SchoolMis.Sen.Contracts;

namespace SchoolMis.Web.Features.CtfExport;

/// <summary>
/// A Common Transfer File for one pupil leaving the school (a transfer out), NOTES.md 2.3. It gathers every module's
/// part through that module's contracts, which is why it lives in the host rather than in any one module. It writes
/// exactly what our own CTF import reads, so a school using SchoolMis loses nothing SchoolMis stores.
/// </summary>
public static class CtfExportEndpoints
{
    public static IEndpointRouteBuilder MapCtfExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/schools/{school}/ctf/{upn}", ExportAsync)
            .RequireAuthorization(Policies.ApiCensus).WithTags("Census")
            .WithSummary("A Common Transfer File for one pupil (a transfer out); ?dest=LLLEEEE names the destination school (default MMMMMMM, unknown)");
        // The pupil profile's "Download CTF" link: the school office only (a teacher never sends a pupil's whole record).
        app.MapGet("/schools/{school}/ctf/{upn}", ExportAsync).RequireAuthorization(Policies.SchoolAdmin).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(string upn, string? dest, ISender sender, ITenantContext tenant, TimeProvider clock, CancellationToken ct)
    {
        dest = string.IsNullOrWhiteSpace(dest) ? null : dest.Trim().ToUpperInvariant();
        if (dest is not null && !(dest.Length == 7 && (dest.All(char.IsAsciiDigit) || dest is "MMMMMMM" or "XXXXXXX")))
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad destination",
                detail: "dest is the destination school's LA code and establishment number together, seven digits (e.g. 8234001).");
        var export = await CtfExportData.GatherAsync(sender, tenant.Current, upn, dest ?? "MMMMMMM", clock, ct);
        if (export is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "The school has no pupil with that UPN.");
        var school = tenant.Current;
        return Results.Stream(stream => CtfWriter.WriteAsync(stream, export), "application/xml",
            $"{school.LaEstab}_CTF_{export.DestLaEstab}_001.xml");
    }
}

/// <summary>Everything one pupil's CTF carries, gathered before the first byte is written (so a missing pupil is a clean 404).</summary>
public sealed record CtfExportData(
    TenantInfo School, int AcademicYear, DateTime Now, string DestLaEstab, PupilTransferRecord Pupil, IReadOnlyList<FsmPeriodInfo> Fsm, DateOnly? FsmReviewDate,
    IReadOnlyList<SenPeriodInfo> Sen, AcademicYearSpan Year, IReadOnlyList<PupilMark> Marks, PupilSessionCounts? Counts)
{
    public static async Task<CtfExportData?> GatherAsync(ISender sender, TenantInfo school, string upn, string dest, TimeProvider clock, CancellationToken ct)
    {
        var pupil = await sender.Send(new GetPupilTransferRecordQuery(upn), ct);
        if (pupil is null)
            return null;
        var today = clock.Today();
        var year = await sender.Send(new GetAcademicYearQuery(today), ct);
        // Every FSM period, here or before the pupil joined: the next school's census returns them all.
        var fsm = (await sender.Send(new GetFsmPeriodsQuery(DateOnly.MinValue, DateOnly.MaxValue), ct)).Where(p => p.PupilId == pupil.PupilId).ToList();
        var review = await sender.Send(new GetFsmReviewDateQuery(pupil.PupilId), ct);
        var sen = await sender.Send(new GetPupilSenHistoryQuery(pupil.PupilId), ct);
        // This academic year's sessions at this school, up to today or the day the pupil left.
        var from = year.StartDate > pupil.AdmissionDate ? year.StartDate : pupil.AdmissionDate;
        var to = pupil.LeavingDate is { } left && left < today ? left : today;
        var marks = from <= to ? await sender.Send(new GetPupilMarksQuery(pupil.PupilId, from, to), ct) : [];
        var counts = from <= to
            ? (await sender.Send(new GetSessionCountsQuery(from, to), ct)).FirstOrDefault(c => c.PupilId == pupil.PupilId)
            : null;
        return new CtfExportData(school, year.StartDate.Year, clock.UkNow(), dest, pupil, fsm, review, sen, year, marks, counts);
    }
}

/// <summary>Writes a CTF with <see cref="XmlWriter"/>, as a stream, in the element order of NOTES.md 2.3.</summary>
public static class CtfWriter
{
    public static async Task WriteAsync(Stream stream, CtfExportData data)
    {
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) };
        await using var w = XmlWriter.Create(stream, settings);
        await w.WriteStartDocumentAsync();
        await w.WriteStartElementAsync(null, "CTfile", null);
        await WriteHeaderAsync(w, data);
        await w.WriteStartElementAsync(null, "CTFpupilData", null);
        await WritePupilAsync(w, data);
        await w.WriteEndElementAsync();
        await w.WriteEndElementAsync();
        await w.WriteEndDocumentAsync();
        await w.FlushAsync();
    }

    private static async Task WriteHeaderAsync(XmlWriter w, CtfExportData data)
    {
        var school = data.School;
        await w.WriteStartElementAsync(null, "Header", null);
        await El(w, "DocumentName", "Common Transfer File");
        // The version of the current academic year: its two-digit start year, e.g. 26.0 in 2026/27.
        await El(w, "CTFversion", $"{data.AcademicYear % 100:00}.0");
        await El(w, "DateTime", data.Now.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        await El(w, "DocumentQualifier", "full");
        await El(w, "SupplierID", "SCHOOLMIS");
        await w.WriteStartElementAsync(null, "SourceSchool", null);
        await El(w, "LEA", school.LaCode);
        await El(w, "Estab", school.Estab);
        await El(w, "URN", school.Urn);
        await El(w, "SchoolName", school.Name);
        await El(w, "AcademicYear", data.AcademicYear.ToString(CultureInfo.InvariantCulture));
        await w.WriteEndElementAsync();
        await w.WriteStartElementAsync(null, "DestSchool", null);
        await El(w, "LEA", data.DestLaEstab[..3]);
        await El(w, "Estab", data.DestLaEstab[3..]);
        await w.WriteEndElementAsync();
        await w.WriteEndElementAsync();
    }

    private static async Task WritePupilAsync(XmlWriter w, CtfExportData data)
    {
        var p = data.Pupil;
        await w.WriteStartElementAsync(null, "Pupil", null);
        await El(w, "UPN", p.Upn);
        await El(w, "UniqueLearnerNumber", p.Uln);
        await El(w, "Surname", p.Surname);
        await El(w, "Forename", p.Forename);
        await El(w, "DOB", Date(p.DateOfBirth));
        await El(w, "Sex", p.Sex);

        await w.WriteStartElementAsync(null, "BasicDetails", null);
        await El(w, "PreferredSurname", p.PreferredSurname);
        await El(w, "PreferredForename", p.PreferredForename);
        await El(w, "FormerSurname", p.FormerSurname);
        await El(w, "MiddleNames", p.MiddleNames);
        await El(w, "NCyearActual", p.NcYear);
        await El(w, "Ethnicity", p.Ethnicity);
        if (p.FirstLanguage is not null)
        {
            await w.WriteStartElementAsync(null, "Languages", null);
            await w.WriteStartElementAsync(null, "Type", null);
            await El(w, "LanguageType", "F");
            await El(w, "Language", p.FirstLanguage);
            await w.WriteEndElementAsync();
            await w.WriteEndElementAsync();
        }
        await El(w, "EnrolStatus", p.EnrolmentStatus);
        await w.WriteEndElementAsync();

        if (data.Fsm.Count > 0)
        {
            await w.WriteStartElementAsync(null, "FSMhistory", null);
            await El(w, "FSMreviewDate", Date(data.FsmReviewDate));
            foreach (var f in data.Fsm)
            {
                await w.WriteStartElementAsync(null, "FSMinstance", null);
                await El(w, "FSMstartDate", Date(f.StartDate));
                await El(w, "FSMendDate", Date(f.EndDate));
                await El(w, "UKcountry", f.UkCountry);
                await w.WriteEndElementAsync();
            }
            await w.WriteEndElementAsync();
        }

        if (data.Sen.Count > 0)
        {
            await w.WriteStartElementAsync(null, "SENhistory", null);
            foreach (var s in data.Sen)
            {
                await w.WriteStartElementAsync(null, "SEN", null);
                await El(w, "StartDate", Date(s.StartDate));
                await El(w, "EndDate", Date(s.EndDate));
                await El(w, "SENprovision", s.Provision);
                await w.WriteEndElementAsync();
            }
            // A CTF carries the needs of the pupil's current provision only: those of the latest period.
            var needs = data.Sen[^1].Needs;
            if (needs.Count > 0)
            {
                await w.WriteStartElementAsync(null, "SENneeds", null);
                foreach (var n in needs)
                {
                    await w.WriteStartElementAsync(null, "SENneed", null);
                    await El(w, "SENtype", n.Type);
                    await El(w, "SENtypeRank", n.Rank.ToString(CultureInfo.InvariantCulture));
                    await w.WriteEndElementAsync();
                }
                await w.WriteEndElementAsync();
            }
            await w.WriteEndElementAsync();
        }

        if (p.AddressLines.Count > 0 || p.Postcode is not null)
        {
            await w.WriteStartElementAsync(null, "Address", null);
            if (p.AddressLines.Count > 0)
            {
                await w.WriteStartElementAsync(null, "AddressLines", null);
                for (var i = 0; i < p.AddressLines.Count && i < 5; i++)
                    await El(w, $"AddressLine{i + 1}", p.AddressLines[i]);
                await w.WriteEndElementAsync();
            }
            await El(w, "PostCode", p.Postcode);
            await w.WriteEndElementAsync();
        }

        if (p.Contacts.Count > 0)
        {
            await w.WriteStartElementAsync(null, "Contacts", null);
            foreach (var c in p.Contacts)
            {
                await w.WriteStartElementAsync(null, "Contact", null);
                await El(w, "Order", c.Order.ToString(CultureInfo.InvariantCulture));
                await El(w, "Title", c.Title);
                await El(w, "Surname", c.Surname);
                await El(w, "Forename", c.Forename);
                await El(w, "Relationship", c.Relationship);
                await El(w, "Responsibility", c.ParentalResponsibility ? "true" : "false");
                await El(w, "AddressAsPupil", c.AddressAsPupil ? "true" : "false");
                if (c.Phones.Count > 0)
                {
                    await w.WriteStartElementAsync(null, "Phones", null);
                    foreach (var phone in c.Phones)
                    {
                        await w.WriteStartElementAsync(null, "Phone", null);
                        await El(w, "TelephoneType", phone.Type);
                        await El(w, "PhoneNo", phone.Number);
                        await w.WriteEndElementAsync();
                    }
                    await w.WriteEndElementAsync();
                }
                await El(w, "Email", c.Email);
                await w.WriteEndElementAsync();
            }
            await w.WriteEndElementAsync();
        }

        await WriteAttendanceAsync(w, data);

        await w.WriteStartElementAsync(null, "SchoolHistory", null);
        foreach (var s in p.PreviousSchools)
        {
            await w.WriteStartElementAsync(null, "School", null);
            await El(w, "LEA", s.LaCode);
            await El(w, "Estab", s.Estab);
            await El(w, "URN", s.Urn);
            await El(w, "SchoolName", s.SchoolName);
            await El(w, "EntryDate", Date(s.EntryDate));
            await El(w, "LeavingDate", Date(s.LeavingDate));
            await El(w, "LeavingReason", s.LeavingReason);
            await w.WriteEndElementAsync();
        }
        // This school's own entry: the next school keeps it as the pupil's last school.
        await w.WriteStartElementAsync(null, "School", null);
        await El(w, "LEA", data.School.LaCode);
        await El(w, "Estab", data.School.Estab);
        await El(w, "URN", data.School.Urn);
        await El(w, "SchoolName", data.School.Name);
        await El(w, "EntryDate", Date(p.AdmissionDate));
        await El(w, "LeavingDate", Date(p.LeavingDate));
        await El(w, "LeavingReason", p.LeavingReason);
        await El(w, "LastSchool", "true");
        await w.WriteEndElementAsync();
        await w.WriteEndElementAsync();

        await w.WriteEndElementAsync();
    }

    private static async Task WriteAttendanceAsync(XmlWriter w, CtfExportData data)
    {
        if (data.Marks.Count == 0 && data.Counts is null)
            return;
        await w.WriteStartElementAsync(null, "Attendance", null);
        await w.WriteStartElementAsync(null, "YearData", null);
        await El(w, "Year", data.Year.StartDate.Year.ToString(CultureInfo.InvariantCulture));
        await El(w, "LEA", data.School.LaCode);
        await El(w, "Estab", data.School.Estab);
        await El(w, "SchoolName", data.School.Name);
        if (data.Counts is { } c)
        {
            await El(w, "SessionsPossible", c.Possible.ToString(CultureInfo.InvariantCulture));
            await El(w, "SessionsAuthorised", c.Authorised.ToString(CultureInfo.InvariantCulture));
            await El(w, "SessionsAttended", (c.Present + c.ApprovedActivity).ToString(CultureInfo.InvariantCulture));
            await El(w, "SessionsUnauthorised", c.Unauthorised.ToString(CultureInfo.InvariantCulture));
        }
        if (data.Marks.Count > 0)
        {
            var (start, marks, shortened) = Marks(data.Marks);
            await w.WriteStartElementAsync(null, "AttendSessions", null);
            if (shortened)
                await w.WriteCommentAsync(" One character a session cannot carry the two-character codes of 2024 (C1, J1, Y1 ...): they are sent as their single-character parent. ");
            await El(w, "AttendanceStartDate", Date(start));
            await El(w, "AttendanceMarks", marks);
            await w.WriteEndElementAsync();
        }
        await w.WriteEndElementAsync();
        await w.WriteEndElementAsync();
    }

    /// <summary>
    /// The marks as one string: a character a session, AM then PM, for each weekday from the first mark's date to the
    /// last's; '-' where no mark was taken; a two-character code becomes its first character.
    /// </summary>
    public static (DateOnly Start, string Marks, bool Shortened) Marks(IReadOnlyList<PupilMark> marks)
    {
        var byKey = marks.ToDictionary(m => (m.Date, m.Session));
        var start = marks.Min(m => m.Date);
        var end = marks.Max(m => m.Date);
        var text = new StringBuilder();
        var shortened = false;
        for (var date = start; date <= end; date = date.AddDays(1))
        {
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                continue;
            foreach (var session in new[] { "AM", "PM" })
            {
                if (byKey.TryGetValue((date, session), out var mark) && mark.Code.Length > 0)
                {
                    shortened |= mark.Code.Length > 1;
                    text.Append(mark.Code[0]);
                }
                else
                    text.Append('-');
            }
        }
        return (start, text.ToString(), shortened);
    }
}
