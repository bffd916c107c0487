using SchoolMis.Pupils.Features;
using SchoolMis.Pupils.Features.ViewPupil;

namespace SchoolMis.Pupils.Ui;

/// <summary>The add/edit pupil form. Property names match <see cref="PupilDetails"/> so refusals land on the right field.</summary>
public sealed class PupilForm
{
    public string? Upn { get; set; }
    public string? Uln { get; set; }
    public string? Surname { get; set; }
    public string? Forename { get; set; }
    public string? MiddleNames { get; set; }
    public string? PreferredSurname { get; set; }
    public string? PreferredForename { get; set; }
    public string? FormerSurname { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Sex { get; set; }
    public string? AdmissionNumber { get; set; }
    public DateOnly? AdmissionDate { get; set; }
    public string? EnrolmentStatus { get; set; } = "C";
    public string? NcYear { get; set; }
    public Guid? RegistrationGroupId { get; set; }
    public string? Ethnicity { get; set; }
    public string? FirstLanguage { get; set; }
    public bool PartTime { get; set; }
    public string? Boarder { get; set; } = "N";
    public string? ServiceChild { get; set; }
    public string? YoungCarer { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? AddressLine3 { get; set; }
    public string? AddressLine4 { get; set; }
    public string? AddressLine5 { get; set; }
    public string? Postcode { get; set; }

    public PupilDetails ToDetails() => new()
    {
        Upn = Upn ?? "", Uln = Uln, Surname = Surname ?? "", Forename = Forename ?? "", MiddleNames = MiddleNames,
        PreferredSurname = PreferredSurname, PreferredForename = PreferredForename, FormerSurname = FormerSurname,
        DateOfBirth = DateOfBirth, Sex = Sex ?? "", AdmissionNumber = AdmissionNumber ?? "", AdmissionDate = AdmissionDate,
        EnrolmentStatus = EnrolmentStatus ?? "", NcYear = NcYear ?? "", RegistrationGroupId = RegistrationGroupId,
        Ethnicity = Ethnicity, FirstLanguage = FirstLanguage, PartTime = PartTime, Boarder = string.IsNullOrEmpty(Boarder) ? "N" : Boarder, ServiceChild = ServiceChild,
        YoungCarer = YoungCarer, AddressLine1 = AddressLine1, AddressLine2 = AddressLine2,
        AddressLine3 = AddressLine3, AddressLine4 = AddressLine4, AddressLine5 = AddressLine5, Postcode = Postcode,
    };

    public static PupilForm From(PupilRecord p) => new()
    {
        Upn = p.Upn, Uln = p.Uln, Surname = p.Surname, Forename = p.Forename, MiddleNames = p.MiddleNames,
        PreferredSurname = p.PreferredSurname, PreferredForename = p.PreferredForename, FormerSurname = p.FormerSurname,
        DateOfBirth = p.DateOfBirth, Sex = p.Sex, AdmissionNumber = p.AdmissionNumber, AdmissionDate = p.AdmissionDate,
        EnrolmentStatus = p.EnrolmentStatus, NcYear = p.NcYear, RegistrationGroupId = p.RegistrationGroupId,
        Ethnicity = p.Ethnicity, FirstLanguage = p.FirstLanguage, PartTime = p.PartTime, Boarder = p.Boarder, ServiceChild = p.ServiceChild,
        YoungCarer = p.YoungCarer, AddressLine1 = p.Address.Line1, AddressLine2 = p.Address.Line2,
        AddressLine3 = p.Address.Line3, AddressLine4 = p.Address.Line4, AddressLine5 = p.Address.Line5, Postcode = p.Address.Postcode,
    };
}
