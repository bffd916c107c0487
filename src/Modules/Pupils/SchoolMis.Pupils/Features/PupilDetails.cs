using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform.Identifiers;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.ReferenceData;
using SchoolMis.Pupils.Data;
using SchoolMis.Pupils.Domain;

namespace SchoolMis.Pupils.Features;

/// <summary>What a school office enters about a pupil, shared by adding and editing.</summary>
public sealed record PupilDetails
{
    public string Upn { get; init; } = "";
    public string? Uln { get; init; }
    public string Surname { get; init; } = "";
    public string Forename { get; init; } = "";
    public string? MiddleNames { get; init; }
    public string? PreferredSurname { get; init; }
    public string? PreferredForename { get; init; }
    public string? FormerSurname { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public string Sex { get; init; } = "";
    public string AdmissionNumber { get; init; } = "";
    public DateOnly? AdmissionDate { get; init; }
    public string EnrolmentStatus { get; init; } = "C";
    public string NcYear { get; init; } = "";
    public Guid? RegistrationGroupId { get; init; }
    public string? Ethnicity { get; init; }
    public string? FirstLanguage { get; init; }
    public bool PartTime { get; init; }
    public string Boarder { get; init; } = "N";
    public string? ServiceChild { get; init; }
    public string? YoungCarer { get; init; }
    public string? AddressLine1 { get; init; }
    public string? AddressLine2 { get; init; }
    public string? AddressLine3 { get; init; }
    public string? AddressLine4 { get; init; }
    public string? AddressLine5 { get; init; }
    public string? Postcode { get; init; }

    internal void ApplyTo(Pupil pupil)
    {
        pupil.Upn = Upn.Trim().ToUpperInvariant();
        pupil.Uln = Blank(Uln);
        pupil.Surname = Surname.Trim();
        pupil.Forename = Forename.Trim();
        pupil.MiddleNames = Blank(MiddleNames);
        pupil.PreferredSurname = Blank(PreferredSurname);
        pupil.PreferredForename = Blank(PreferredForename);
        pupil.FormerSurname = Blank(FormerSurname);
        pupil.DateOfBirth = DateOfBirth!.Value;
        pupil.Sex = Sex;
        pupil.AdmissionNumber = AdmissionNumber.Trim();
        pupil.AdmissionDate = AdmissionDate!.Value;
        pupil.EnrolmentStatus = EnrolmentStatus;
        pupil.NcYear = NcYear;
        pupil.RegistrationGroupId = RegistrationGroupId;
        pupil.Ethnicity = Blank(Ethnicity);
        pupil.FirstLanguage = Blank(FirstLanguage);
        pupil.PartTime = PartTime;
        pupil.Boarder = Boarder;
        pupil.ServiceChild = Blank(ServiceChild);
        pupil.YoungCarer = Blank(YoungCarer);
        // Changed in place, so that saving identical details changes nothing (imports report them as unchanged).
        var address = pupil.Address;
        address.Line1 = Blank(AddressLine1);
        address.Line2 = Blank(AddressLine2);
        address.Line3 = Blank(AddressLine3);
        address.Line4 = Blank(AddressLine4);
        address.Line5 = Blank(AddressLine5);
        address.Postcode = Blank(Postcode)?.ToUpperInvariant();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

internal sealed class PupilDetailsValidator : AbstractValidator<PupilDetails>
{
    public PupilDetailsValidator(TimeProvider clock)
    {
        RuleFor(p => p.Upn).Custom((upn, context) =>
        {
            if (Upn.Check(upn?.Trim().ToUpperInvariant()) is { } problem)
                context.AddFailure(problem);
        });
        RuleFor(p => p.Uln).Must(Uln.IsValid).When(p => !string.IsNullOrWhiteSpace(p.Uln))
            .WithMessage("ULN invalid: 10 digits, not starting with 0, with a valid check digit.");
        RuleFor(p => p.Surname).NotEmpty().WithMessage("Enter the legal surname.").MaximumLength(100);
        RuleFor(p => p.Forename).NotEmpty().WithMessage("Enter the legal forename.").MaximumLength(100);
        RuleFor(p => p.MiddleNames).MaximumLength(100);
        RuleFor(p => p.PreferredSurname).MaximumLength(100);
        RuleFor(p => p.PreferredForename).MaximumLength(100);
        RuleFor(p => p.FormerSurname).MaximumLength(100);
        RuleFor(p => p.DateOfBirth).NotNull().WithMessage("Enter the date of birth.")
            .Must((p, dob) => dob is null || Age(dob.Value, clock) is >= 0 and <= 25)
            .WithMessage("The date of birth must be within the last 25 years and not in the future.");
        RuleFor(p => p.Sex).Must(s => s is not null && DfeCodes.Sexes.ContainsKey(s)).WithMessage("Choose M (male) or F (female).");
        RuleFor(p => p.AdmissionNumber).NotEmpty().WithMessage("Enter the admission number.")
            .Matches("^[A-Za-z0-9]{1,20}$").WithMessage("The admission number is up to 20 letters and digits.");
        RuleFor(p => p.AdmissionDate).NotNull().WithMessage("Enter the admission date.")
            .Must((p, admitted) => admitted is null || p.DateOfBirth is null || admitted > p.DateOfBirth)
            .WithMessage("The admission date must be after the date of birth.");
        RuleFor(p => p.EnrolmentStatus).Must(s => s is not null && DfeCodes.PupilEnrolmentStatuses.Contains(s))
            .WithMessage("Enrolment status must be C (single registration), M (dual, main) or S (dual, subsidiary).");
        RuleFor(p => p.NcYear).Must(y => y is not null && DfeCodes.NcYears.ContainsKey(y) && y != "M")
            .WithMessage("Choose the national curriculum year (E1, E2, N1, N2, R, 1 to 14, or X).");
        RuleFor(p => p.Ethnicity).Must(e => DfeCodes.Ethnicities.ContainsKey(e!)).When(p => !string.IsNullOrWhiteSpace(p.Ethnicity))
            .WithMessage("Ethnicity must be a DfE ethnicity code (e.g. WBRI).");
        RuleFor(p => p.FirstLanguage).Must(l => DfeCodes.Languages.ContainsKey(l!)).When(p => !string.IsNullOrWhiteSpace(p.FirstLanguage))
            .WithMessage("First language must be a DfE language code (e.g. ENG).");
        RuleFor(p => p.Boarder).Must(b => b is not null && DfeCodes.Boarders.ContainsKey(b))
            .WithMessage("Boarder must be N (not a boarder), B (boarder), 6 (six or fewer nights a week) or 7 (seven nights a week).");
        RuleFor(p => p.ServiceChild).Must(c => DfeCodes.ServiceChildren.ContainsKey(c!)).When(p => !string.IsNullOrWhiteSpace(p.ServiceChild))
            .WithMessage("Service child must be Y (yes), N (no), U (unknown) or R (refused), or left blank while not recorded.");
        RuleFor(p => p.YoungCarer).Must(c => DfeCodes.YoungCarers.ContainsKey(c!)).When(p => !string.IsNullOrWhiteSpace(p.YoungCarer))
            .WithMessage("Young carer must be P (identified by parent or guardian), S (identified by school) or N (not declared), or left blank while not recorded.");
        RuleFor(p => p.Postcode).Matches("^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$").When(p => !string.IsNullOrWhiteSpace(p.Postcode))
            .WithMessage("Enter a UK postcode, e.g. BS1 4DJ.");
    }

    private static int Age(DateOnly dateOfBirth, TimeProvider clock)
    {
        var today = SchoolMis.Platform.SchoolCalendar.Today(clock);
        if (dateOfBirth > today)
            return -1;
        var age = today.Year - dateOfBirth.Year;
        return dateOfBirth.AddYears(age) > today ? age - 1 : age;
    }
}

/// <summary>Rules that need the school's other pupils: identifiers are unique within a school.</summary>
internal static class PupilUniqueness
{
    public static async Task CheckAsync(PupilsDbContext db, PupilDetails details, Guid? exceptPupilId, CancellationToken ct)
    {
        var upn = details.Upn.Trim().ToUpperInvariant();
        var admission = details.AdmissionNumber.Trim();
        var clashes = await db.Pupils.AsNoTracking()
            .Where(p => p.Id != exceptPupilId && (p.Upn == upn || p.AdmissionNumber == admission))
            .Select(p => new { p.Upn, p.AdmissionNumber, p.Forename, p.Surname })
            .ToListAsync(ct);

        var errors = new List<FluentValidation.Results.ValidationFailure>();
        if (clashes.FirstOrDefault(c => c.AdmissionNumber == admission) is { } a)
            errors.Add(new(nameof(PupilDetails.AdmissionNumber), $"Admission number {admission} is already used by {a.Forename} {a.Surname}."));
        if (clashes.FirstOrDefault(c => c.Upn == upn) is { } u)
            errors.Add(new(nameof(PupilDetails.Upn), $"UPN {upn} is already used by {u.Forename} {u.Surname}."));
        if (details.RegistrationGroupId is { } groupId && !await db.RegistrationGroups.AnyAsync(g => g.Id == groupId, ct))
            errors.Add(new(nameof(PupilDetails.RegistrationGroupId), "That registration group does not exist."));
        if (errors.Count > 0)
            throw new ValidationException(errors);
    }
}
