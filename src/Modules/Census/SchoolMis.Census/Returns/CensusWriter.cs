using System.Globalization;
using System.Reflection;
using System.Text;
using System.Xml;
using System.Xml.Schema;
using SchoolMis.Census.Domain;
using SchoolMis.Pupils.Contracts;
using static SchoolMis.Platform.Xml.DfeXml;

namespace SchoolMis.Census.Returns;

/// <summary>
/// Writes a School Census return with <see cref="XmlWriter"/> as a stream, in the element names and order of
/// NOTES.md 1.2 to 1.4. Empty optional items are left out rather than written empty (NOTES.md 12), and only items
/// SchoolMis holds are written: nothing is made up to fill a slot. Returns/SchoolCensus.xsd describes exactly this.
/// </summary>
public static class CensusWriter
{
    /// <summary>The software code and release in the header.</summary>
    public const string SoftwareCode = "SCHOOLMIS";
    public static readonly string Release = typeof(CensusWriter).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";

    public static async Task WriteAsync(Stream stream, CensusReturnData data, CancellationToken ct = default)
    {
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) };
        await using var w = XmlWriter.Create(stream, settings);
        await w.WriteStartDocumentAsync();
        await w.WriteStartElementAsync(null, "Message", null);
        await WriteHeaderAsync(w, data);
        await WriteSchoolAsync(w, data);
        await w.WriteStartElementAsync(null, "Pupils", null);
        await w.WriteStartElementAsync(null, "PupilsOnRoll", null);
        var written = 0;
        foreach (var pupil in data.OnRoll)
        {
            await WritePupilOnRollAsync(w, pupil, data.Collection.Term);
            // Flush every so often so a large school's return streams to the client as it is written.
            if (++written % 200 == 0)
            {
                ct.ThrowIfCancellationRequested();
                await w.FlushAsync();
            }
        }
        await w.WriteEndElementAsync();
        if (data.NoLongerOnRoll.Count > 0)
        {
            await w.WriteStartElementAsync(null, "PupilsNoLongerOnRoll", null);
            foreach (var pupil in data.NoLongerOnRoll)
                await WritePupilNoLongerOnRollAsync(w, pupil);
            await w.WriteEndElementAsync();
        }
        await w.WriteEndElementAsync();
        await w.WriteEndElementAsync();
        await w.WriteEndDocumentAsync();
        await w.FlushAsync();
    }

    private static async Task WriteHeaderAsync(XmlWriter w, CensusReturnData data)
    {
        var c = data.Collection;
        await w.WriteStartElementAsync(null, "Header", null);
        await w.WriteStartElementAsync(null, "CollectionDetails", null);
        await El(w, "Collection", "SC");
        await El(w, "Term", c.TermCode);
        await El(w, "Year", c.Year.ToString(CultureInfo.InvariantCulture));
        await El(w, "ReferenceDate", Date(c.CensusDay));
        await w.WriteEndElementAsync();
        await w.WriteStartElementAsync(null, "Source", null);
        await El(w, "SourceLevel", "S");
        await El(w, "LEA", data.School.LaCode);
        await El(w, "Estab", data.School.Estab);
        await El(w, "URN", data.School.Urn);
        await El(w, "SoftwareCode", SoftwareCode);
        await El(w, "Release", Release);
        await El(w, "Xversion", "1");
        await El(w, "SerialNo", data.SerialNo.ToString("000", CultureInfo.InvariantCulture));
        await El(w, "DateTime", data.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        await w.WriteEndElementAsync();
        await w.WriteStartElementAsync(null, "Content", null);
        await w.WriteStartElementAsync(null, "CBDSLevels", null);
        await El(w, "CBDSLevel", "School");
        await El(w, "CBDSLevel", "Pupil");
        await w.WriteEndElementAsync();
        await w.WriteEndElementAsync();
        await w.WriteEndElementAsync();
    }

    private static async Task WriteSchoolAsync(XmlWriter w, CensusReturnData data)
    {
        await w.WriteStartElementAsync(null, "School", null);
        await w.WriteStartElementAsync(null, "SchoolCharacteristics", null);
        await El(w, "SchoolName", data.School.Name);
        await El(w, "Phase", data.School.Phase);
        var (lowest, highest) = data.NcYearRange;
        await El(w, "HighestNCyear", highest);
        await El(w, "LowestNCyear", lowest);
        await w.WriteEndElementAsync();
        if (data.FreeMealsTaken is { } meals)
        {
            await w.WriteStartElementAsync(null, "Miscellaneous", null);
            await El(w, "FreeMealsTaken", meals.ToString(CultureInfo.InvariantCulture));
            await w.WriteEndElementAsync();
        }
        await w.WriteEndElementAsync();
    }

    private static async Task WritePupilOnRollAsync(XmlWriter w, CensusPupilReturn r, CensusTerm term)
    {
        var p = r.Pupil;
        await w.WriteStartElementAsync(null, "PupilOnRoll", null);
        await WriteIdentifiersAsync(w, p, preferredSurname: true);

        await w.WriteStartElementAsync(null, "PupilCharacteristics", null);
        await El(w, "Ethnicity", p.Ethnicity);
        await WriteFsmAsync(w, r);
        await El(w, "Language", p.FirstLanguage);
        // Not recorded is returned as DfE's own codes: U (unknown) for service child, N (not declared) for young carer.
        await El(w, "ServiceChild", p.ServiceChild ?? "U");
        if (term == CensusTerm.Spring)
            await El(w, "YoungCarer", p.YoungCarer ?? "N");
        if (r.SchoolLunchTaken is { } lunch)
            await El(w, "SchoolLunchTaken", lunch ? "true" : "false");
        await w.WriteEndElementAsync();

        await w.WriteStartElementAsync(null, "PupilStatus", null);
        await El(w, "EnrolStatus", p.EnrolmentStatus);
        await El(w, "EntryDate", Date(p.AdmissionDate));
        await El(w, "PartTime", p.PartTime ? "true" : "false");
        await El(w, "Boarder", p.Boarder);
        await El(w, "NCyearActual", p.NcYear);
        await w.WriteEndElementAsync();

        await w.WriteStartElementAsync(null, "SpecialEducationalNeeds", null);
        await El(w, "SENprovision", r.SenProvision);
        if (r.SenNeeds.Count > 0)
        {
            await w.WriteStartElementAsync(null, "SENneeds", null);
            foreach (var need in r.SenNeeds.OrderBy(n => n.Rank))
            {
                await w.WriteStartElementAsync(null, "SENneed", null);
                await El(w, "SENtypeRank", need.Rank.ToString(CultureInfo.InvariantCulture));
                await El(w, "SENtype", need.Type);
                await w.WriteEndElementAsync();
            }
            await w.WriteEndElementAsync();
        }
        await El(w, "SENunitIndicator", r.SenUnit ? "true" : "false");
        await El(w, "ResourcedProvisionIndicator", r.ResourcedProvision ? "true" : "false");
        await w.WriteEndElementAsync();

        await WriteActivityAsync(w, r);
        await w.WriteEndElementAsync();
    }

    private static async Task WritePupilNoLongerOnRollAsync(XmlWriter w, CensusPupilReturn r)
    {
        var p = r.Pupil;
        await w.WriteStartElementAsync(null, "PupilNoLongerOnRoll", null);
        await WriteIdentifiersAsync(w, p, preferredSurname: false);
        await w.WriteStartElementAsync(null, "PupilCharacteristics", null);
        await El(w, "Ethnicity", p.Ethnicity);
        await WriteFsmAsync(w, r);
        await El(w, "Language", p.FirstLanguage);
        await w.WriteEndElementAsync();
        await w.WriteStartElementAsync(null, "PupilStatus", null);
        await El(w, "EntryDate", Date(p.AdmissionDate));
        await El(w, "LeavingDate", Date(p.LeavingDate));
        await El(w, "PartTime", p.PartTime ? "true" : "false");
        await El(w, "Boarder", p.Boarder);
        await El(w, "NCyearLeaving", p.NcYear);
        await w.WriteEndElementAsync();
        await WriteActivityAsync(w, r);
        await w.WriteEndElementAsync();
    }

    private static async Task WriteIdentifiersAsync(XmlWriter w, CensusPupil p, bool preferredSurname)
    {
        await w.WriteStartElementAsync(null, "PupilIdentifiers", null);
        await El(w, "UPN", p.Upn);
        await El(w, "UniqueLearnerNumber", p.Uln);
        await El(w, "Surname", p.Surname);
        await El(w, "Forename", p.Forename);
        await El(w, "MiddleNames", p.MiddleNames);
        if (preferredSurname)
            await El(w, "PreferredSurname", p.PreferredSurname);
        await El(w, "FormerSurname", p.FormerSurname);
        await El(w, "Sex", p.Sex);
        await El(w, "DOB", Date(p.DateOfBirth));
        await w.WriteEndElementAsync();
    }

    private static async Task WriteFsmAsync(XmlWriter w, CensusPupilReturn r)
    {
        if (r.FsmPeriods.Count == 0)
            return;
        await w.WriteStartElementAsync(null, "FSMeligibility", null);
        foreach (var f in r.FsmPeriods)
        {
            await w.WriteStartElementAsync(null, "FSMperiod", null);
            await El(w, "FSMstartDate", Date(f.StartDate));
            await El(w, "FSMendDate", Date(f.EndDate));
            await El(w, "UKcountry", f.UkCountry);
            await w.WriteEndElementAsync();
        }
        await w.WriteEndElementAsync();
    }

    /// <summary>Exclusions, home address and attendance: the blocks on-roll pupils and leavers share, in that order.</summary>
    private static async Task WriteActivityAsync(XmlWriter w, CensusPupilReturn r)
    {
        var p = r.Pupil;
        if (r.Exclusions.Count > 0)
        {
            await w.WriteStartElementAsync(null, "Exclusions", null);
            foreach (var e in r.Exclusions)
            {
                await w.WriteStartElementAsync(null, "TermlyExclusion", null);
                await El(w, "Category", e.Category);
                for (var i = 0; i < e.Reasons.Count && i < 3; i++)
                    await El(w, $"Reason{i + 1}", e.Reasons[i]);
                await El(w, "StartDate", Date(e.StartDate));
                await El(w, "Sessions", e.Sessions.ToString(CultureInfo.InvariantCulture));
                await El(w, "SENprovision", e.SenProvision);
                await w.WriteEndElementAsync();
            }
            await w.WriteEndElementAsync();
        }

        if (p.Postcode is not null || p.AddressLines.Count > 0)
        {
            await w.WriteStartElementAsync(null, "HomeInformation", null);
            await w.WriteStartElementAsync(null, "Address", null);
            await El(w, "PostCode", p.Postcode);
            if (p.AddressLines.Count > 0)
            {
                await w.WriteStartElementAsync(null, "LineAddressFormat", null);
                for (var i = 0; i < p.AddressLines.Count; i++)
                    await El(w, $"AddressLine{i + 1}", p.AddressLines[i]);
                await w.WriteEndElementAsync();
            }
            await w.WriteEndElementAsync();
            await w.WriteEndElementAsync();
        }

        if (r.TermlyAttendance is not null || r.SummerHalfTerm2Attendance is not null)
        {
            await w.WriteStartElementAsync(null, "Attendance", null);
            if (r.TermlyAttendance is { } termly)
                await WriteAttendanceAsync(w, "TermlyAttendance", termly, termly: true);
            if (r.SummerHalfTerm2Attendance is { } summer2)
                await WriteAttendanceAsync(w, "SummerHalfTerm2Attendance", summer2, termly: false);
            await w.WriteEndElementAsync();
        }
    }

    /// <param name="termly">Educational and exceptional sessions are collected for the termly window only (liia-tools spec 2021 on).</param>
    private static async Task WriteAttendanceAsync(XmlWriter w, string element, CensusAttendance a, bool termly)
    {
        await w.WriteStartElementAsync(null, element, null);
        await El(w, "SessionsPossible", a.SessionsPossible.ToString(CultureInfo.InvariantCulture));
        if (a.Details.Count > 0)
        {
            await w.WriteStartElementAsync(null, "SessionDetails", null);
            foreach (var d in a.Details)
            {
                await w.WriteStartElementAsync(null, "SessionDetail", null);
                await El(w, "AttendanceReason", d.AttendanceReason);
                await El(w, "Sessions", d.Sessions.ToString(CultureInfo.InvariantCulture));
                await w.WriteEndElementAsync();
            }
            await w.WriteEndElementAsync();
        }
        await El(w, "SessionsAuthorised", a.SessionsAuthorised.ToString(CultureInfo.InvariantCulture));
        await El(w, "SessionsUnauthorised", a.SessionsUnauthorised.ToString(CultureInfo.InvariantCulture));
        if (termly)
        {
            await El(w, "SessionsEducational", a.SessionsEducational.ToString(CultureInfo.InvariantCulture));
            await El(w, "SessionsExceptional", a.SessionsExceptional.ToString(CultureInfo.InvariantCulture));
        }
        await w.WriteEndElementAsync();
    }

    /// <summary>The project's schema for what <see cref="WriteAsync"/> emits; tests validate every return against it.</summary>
    public static XmlSchemaSet Schema()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SchoolMis.Census.SchoolCensus.xsd")
            ?? throw new InvalidOperationException("The census schema is not embedded.");
        var set = new XmlSchemaSet();
        set.Add(XmlSchema.Read(stream, null)!);
        set.Compile();
        return set;
    }
}
