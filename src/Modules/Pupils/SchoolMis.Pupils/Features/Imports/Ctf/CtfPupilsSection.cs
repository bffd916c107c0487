using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform.Imports;
using SchoolMis.Platform.Imports.Ctf;
using SchoolMis.Pupils.Data;
using SchoolMis.Pupils.Domain;

namespace SchoolMis.Pupils.Features.Imports.Ctf;

/// <summary>
/// The pupils of a CTF. A pupil is matched by UPN: a pupil the school already has is updated with what the file
/// carries (names, date of birth, sex, NC year, ethnicity, language, address) and keeps everything else (admission
/// number, group); a new pupil gets the next admission number and is admitted on the import's admission date, or,
/// when the school's own old MIS sent the file, on the entry date its school history gives.
/// </summary>
internal sealed class CtfPupilsSection(CtfPupilsDataset dataset) : ICtfSection
{
    public static readonly string[] Reads =
    [
        "UPN", "UniqueLearnerNumber", "Surname", "Forename", "DOB", "Sex", "Gender",
        "BasicDetails/PreferredSurname", "BasicDetails/PreferredForename", "BasicDetails/FormerSurname", "BasicDetails/MiddleNames",
        "BasicDetails/NCyearActual", "BasicDetails/Ethnicity", "BasicDetails/Languages", "BasicDetails/EnrolStatus",
        "Address/AddressLines", "Address/BS7666Address/SAON", "Address/BS7666Address/PAON", "Address/BS7666Address/Street",
        "Address/BS7666Address/Locality", "Address/BS7666Address/Town", "Address/BS7666Address/PostTown",
        "Address/BS7666Address/AdministrativeArea", "Address/County", "Address/PostCode",
    ];

    /// <summary>Row fields by the CTF elements they came from, so errors name what the sender can find in the file.</summary>
    private static readonly Dictionary<string, string> Elements = new(StringComparer.OrdinalIgnoreCase)
    {
        ["upn"] = "UPN", ["uln"] = "UniqueLearnerNumber", ["surname"] = "Surname", ["forename"] = "Forename", ["dateOfBirth"] = "DOB",
        ["sex"] = "Sex", ["middleNames"] = "BasicDetails/MiddleNames", ["preferredSurname"] = "BasicDetails/PreferredSurname",
        ["preferredForename"] = "BasicDetails/PreferredForename", ["formerSurname"] = "BasicDetails/FormerSurname",
        ["ncYear"] = "BasicDetails/NCyearActual", ["ethnicity"] = "BasicDetails/Ethnicity", ["firstLanguage"] = "BasicDetails/Languages/Type/Language",
        ["enrolmentStatus"] = "BasicDetails/EnrolStatus", ["address.postcode"] = "Address/PostCode", ["admissionDate"] = "SchoolHistory/School/EntryDate",
        ["leavingDate"] = "SchoolHistory/School/LeavingDate",
    };

    public string Name => "pupils";

    public int Order => 0;

    public async Task<ImportReport> ImportAsync(IAsyncEnumerable<CtfPupil> pupils, CtfImportContext context, bool dryRun, CancellationToken cancellationToken)
    {
        dataset.Context = context;
        var rows = pupils.Select(pupil => CtfImportContext.Row(pupil, RowOf(pupil, context)));
        var report = await dataset.ImportAsync(rows, dryRun, cancellationToken);
        return report with { Dataset = Name, Errors = [.. report.Errors.Select(e => e with { Field = Elements.GetValueOrDefault(e.Field, e.Field) })] };
    }

    private static object RowOf(CtfPupil pupil, CtfImportContext context)
    {
        var basic = "BasicDetails/";
        string? firstLanguage = null;
        foreach (var language in pupil.Element.Element("BasicDetails")?.Element("Languages")?.Elements("Type") ?? [])
        {
            if (CtfFile.Text(language, "LanguageType") is "F" or "FIRST")
                firstLanguage ??= CtfFile.Text(language, "Language");
            else if (CtfFile.Text(language, "Language") is not null)
                context.Skip("BasicDetails/Languages/Type (other than first language)", pupil.Number, "Only the first language is stored.");
        }
        // This school's own entry in the pupil's history, when its old MIS sent the file (a migration).
        var here = context.FromThisSchool
            ? pupil.Element.Element("SchoolHistory")?.Elements("School").FirstOrDefault(s => CtfFile.School(s)?.LaEstab == context.School.LaEstab)
            : null;
        return new
        {
            upn = pupil.Upn,
            uln = pupil.Text("UniqueLearnerNumber"),
            surname = pupil.Text("Surname"),
            forename = pupil.Text("Forename"),
            middleNames = pupil.Text(basic + "MiddleNames"),
            preferredSurname = pupil.Text(basic + "PreferredSurname"),
            preferredForename = pupil.Text(basic + "PreferredForename"),
            formerSurname = pupil.Text(basic + "FormerSurname"),
            dateOfBirth = pupil.Text("DOB"),
            sex = pupil.Text("Sex") ?? pupil.Text("Gender"),
            ncYear = pupil.Text(basic + "NCyearActual"),
            ethnicity = pupil.Text(basic + "Ethnicity"),
            firstLanguage,
            enrolmentStatus = pupil.Text(basic + "EnrolStatus"),
            address = AddressOf(pupil.Element.Element("Address")),
            admissionDate = here is null ? null : CtfFile.Text(here, "EntryDate"),
            leavingDate = here is null ? null : CtfFile.Text(here, "LeavingDate"),
            leavingReason = here is null ? null : CtfFile.Text(here, "LeavingReason"),
        };
    }

    /// <summary>Address lines from either CTF form: free lines, or a BS7666 address (secondary, primary + street, locality, town, area).</summary>
    private static PupilRowAddress? AddressOf(System.Xml.Linq.XElement? address)
    {
        if (address is null)
            return null;
        List<string?> lines;
        if (address.Element("AddressLines") is { } free)
            lines = [.. Enumerable.Range(1, 5).Select(i => CtfFile.Text(free, $"AddressLine{i}"))];
        else if (address.Element("BS7666Address") is { } bs)
        {
            var street = string.Join(" ", new[] { CtfFile.Text(bs, "PAON"), CtfFile.Text(bs, "Street") }.OfType<string>());
            lines = [CtfFile.Text(bs, "SAON"), street, CtfFile.Text(bs, "Locality"), CtfFile.Text(bs, "Town") ?? CtfFile.Text(bs, "PostTown"),
                CtfFile.Text(bs, "AdministrativeArea") ?? CtfFile.Text(address, "County")];
        }
        else
            lines = [];
        var present = lines.Where(l => !string.IsNullOrEmpty(l)).ToList();
        var postcode = CtfFile.Text(address, "PostCode");
        if (present.Count == 0 && postcode is null)
            return null;
        return new PupilRowAddress(present.ElementAtOrDefault(0), present.ElementAtOrDefault(1), present.ElementAtOrDefault(2),
            present.ElementAtOrDefault(3), present.ElementAtOrDefault(4), postcode);
    }
}

/// <summary>A pupil as a CTF carries it.</summary>
public sealed record CtfPupilRow(
    string? Upn, string? Uln, string? Surname, string? Forename, string? MiddleNames, string? PreferredSurname, string? PreferredForename,
    string? FormerSurname, DateOnly? DateOfBirth, string? Sex, string? NcYear, string? Ethnicity, string? FirstLanguage, string? EnrolmentStatus,
    PupilRowAddress? Address, DateOnly? AdmissionDate, DateOnly? LeavingDate, string? LeavingReason)
{
    internal PupilDetails ToDetails(string admissionNumber, DateOnly admissionDate, Guid? groupId) => new()
    {
        Upn = Upn ?? "", Uln = Uln, Surname = Surname ?? "", Forename = Forename ?? "", MiddleNames = MiddleNames,
        PreferredSurname = PreferredSurname, PreferredForename = PreferredForename, FormerSurname = FormerSurname,
        DateOfBirth = DateOfBirth, Sex = Sex ?? "", AdmissionNumber = admissionNumber, AdmissionDate = AdmissionDate ?? admissionDate,
        EnrolmentStatus = EnrolmentStatus ?? "C", NcYear = NcYear ?? "", RegistrationGroupId = groupId, Ethnicity = Ethnicity,
        FirstLanguage = FirstLanguage, AddressLine1 = Address?.Line1, AddressLine2 = Address?.Line2, AddressLine3 = Address?.Line3,
        AddressLine4 = Address?.Line4, AddressLine5 = Address?.Line5, Postcode = Address?.Postcode,
    };
}

internal sealed class CtfPupilRowValidator : AbstractValidator<CtfPupilRow>
{
    public CtfPupilRowValidator(TimeProvider clock)
    {
        // The pupil form's rules, except those on what a CTF does not carry (the admission number is the school's own).
        var details = new PupilDetailsValidator(clock);
        RuleFor(r => r).Custom((row, context) =>
        {
            var admitted = row.AdmissionDate ?? row.DateOfBirth?.AddDays(1) ?? DateOnly.MinValue;
            foreach (var failure in details.Validate(row.ToDetails("1", admitted, null)).Errors)
            {
                var field = failure.PropertyName == nameof(PupilDetails.Postcode) ? "Address.Postcode" : failure.PropertyName;
                context.AddFailure(new FluentValidation.Results.ValidationFailure(field, failure.ErrorMessage));
            }
        });
        RuleFor(r => r.LeavingDate).Must((r, d) => d is null || r.AdmissionDate is null || d >= r.AdmissionDate)
            .WithMessage("The leaving date cannot be before the entry date.");
        RuleFor(r => r.LeavingReason).MaximumLength(200);
    }
}

/// <summary>Upserts CTF pupils by UPN (not registered as an API dataset: the CTF section drives it).</summary>
internal sealed class CtfPupilsDataset(PupilsDbContext db, IValidator<CtfPupilRow> validator) : ImportDataset<CtfPupilRow>(db, validator)
{
    private int? _lastAdmissionNumber;
    private int _admissionNumberWidth;

    public CtfImportContext Context { get; set; } = null!;

    public override string Name => "pupils";

    public override Task<int> CountAsync(CancellationToken cancellationToken) => db.Pupils.CountAsync(cancellationToken);

    protected override string? KeyOf(CtfPupilRow row) => row.Upn;

    protected override async Task<IReadOnlyList<RowOutcome?>> UpsertAsync(IReadOnlyList<(int Row, CtfPupilRow Data)> batch,
        List<ImportError> errors, CancellationToken cancellationToken)
    {
        var upns = batch.Select(b => b.Data.Upn!.Trim().ToUpperInvariant()).ToList();
        var existing = await db.Pupils.Where(p => upns.Contains(p.Upn)).ToDictionaryAsync(p => p.Upn, cancellationToken);
        var outcomes = new List<RowOutcome?>();
        foreach (var (_, data) in batch)
        {
            var upn = data.Upn!.Trim().ToUpperInvariant();
            if (!existing.TryGetValue(upn, out var pupil))
            {
                var number = await NextAdmissionNumberAsync(cancellationToken);
                pupil = new Pupil { Upn = "", Surname = "", Forename = "", Sex = "", AdmissionNumber = "", EnrolmentStatus = "", NcYear = "", ExternalId = "ctf:" + upn };
                data.ToDetails(number, Context.AdmissionDate, null).ApplyTo(pupil);
                if (data.LeavingDate is { } left)
                    pupil.RecordLeaving(left, string.IsNullOrWhiteSpace(data.LeavingReason) ? null : data.LeavingReason.Trim());
                db.Pupils.Add(pupil);
                existing[upn] = pupil;
                Context.PupilKeys[upn] = pupil.ExternalId!;
                outcomes.Add(RowOutcome.Created);
                continue;
            }
            // What the school keeps and a CTF does not carry: admission number, group, census details (part time, boarder,
            // service child, young carer) and (from another school) admission dates.
            var details = data.ToDetails(pupil.AdmissionNumber, pupil.AdmissionDate, pupil.RegistrationGroupId) with
            {
                AdmissionDate = data.AdmissionDate ?? pupil.AdmissionDate,
                Uln = data.Uln ?? pupil.Uln,
                Ethnicity = data.Ethnicity ?? pupil.Ethnicity,
                FirstLanguage = data.FirstLanguage ?? pupil.FirstLanguage,
                EnrolmentStatus = data.EnrolmentStatus ?? pupil.EnrolmentStatus,
                PartTime = pupil.PartTime,
                Boarder = pupil.Boarder,
                ServiceChild = pupil.ServiceChild,
                YoungCarer = pupil.YoungCarer,
            };
            if (data.Address is null)
                details = details with
                {
                    AddressLine1 = pupil.Address.Line1, AddressLine2 = pupil.Address.Line2, AddressLine3 = pupil.Address.Line3,
                    AddressLine4 = pupil.Address.Line4, AddressLine5 = pupil.Address.Line5, Postcode = pupil.Address.Postcode,
                };
            details.ApplyTo(pupil);
            if (Context.FromThisSchool && data.LeavingDate is { } leaving)
                pupil.RecordLeaving(leaving, string.IsNullOrWhiteSpace(data.LeavingReason) ? null : data.LeavingReason.Trim());
            // A pupil entered by hand gets an external id, so the file's other sections (and later imports) can name it.
            pupil.ExternalId ??= "ctf:" + upn;
            Context.PupilKeys[upn] = pupil.ExternalId;
            db.ChangeTracker.DetectChanges();
            var entry = db.Entry(pupil);
            outcomes.Add(entry.State == EntityState.Modified || entry.Reference(p => p.Address).TargetEntry?.State == EntityState.Modified
                ? RowOutcome.Updated : RowOutcome.Unchanged);
        }
        return outcomes;
    }

    /// <summary>The school's next admission number: one more than its highest numeric one, as wide as it (e.g. 001235).</summary>
    private async Task<string> NextAdmissionNumberAsync(CancellationToken cancellationToken)
    {
        if (_lastAdmissionNumber is null)
        {
            var numbers = await db.Pupils.Select(p => p.AdmissionNumber).ToListAsync(cancellationToken);
            var numeric = numbers.Where(n => n.All(char.IsAsciiDigit) && n.Length <= 9).ToList();
            _lastAdmissionNumber = numeric.Count == 0 ? 0 : numeric.Max(n => int.Parse(n, CultureInfo.InvariantCulture));
            _admissionNumberWidth = numeric.Count == 0 ? 6 : numeric.Max(n => n.Length);
        }
        _lastAdmissionNumber++;
        return _lastAdmissionNumber.Value.ToString(CultureInfo.InvariantCulture).PadLeft(_admissionNumberWidth, '0');
    }
}
