using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform;
using SchoolMis.Platform.Messaging;
using SchoolMis.Pupils.Data;

namespace SchoolMis.Pupils.Features.ViewPupil;

/// <summary>One pupil's record, with the fields of the pupils dataset (API.md).</summary>
public sealed record GetPupilQuery(Guid PupilId) : IQuery<PupilRecord>;

public sealed record PupilRecord(
    Guid Id, string? ExternalId, string Upn, string? Uln, string Surname, string Forename, string? MiddleNames,
    string? PreferredSurname, string? PreferredForename, string? FormerSurname, DateOnly DateOfBirth, string Sex,
    string AdmissionNumber, DateOnly AdmissionDate, DateOnly? LeavingDate, string? LeavingReason, string EnrolmentStatus,
    string NcYear, Guid? RegistrationGroupId, string? RegistrationGroup, string? RegistrationGroupExternalId,
    string? Ethnicity, string? FirstLanguage, bool PartTime, string Boarder, string? ServiceChild, string? YoungCarer, PupilAddress Address, bool OnRoll,
    IReadOnlyList<ContactDetails> Contacts, IReadOnlyList<SiblingDetails> Siblings, bool HasPhoto,
    IReadOnlyList<PreviousSchoolDetails> PreviousSchools);

/// <summary>A school the pupil attended before this one.</summary>
public sealed record PreviousSchoolDetails(string SchoolName, string? LaCode, string? Estab, string? Urn, DateOnly? EntryDate,
    DateOnly? LeavingDate, string? LeavingReason);

public sealed record ContactDetails(string? ExternalId, int Order, string? Title, string Surname, string Forename, string Relationship,
    bool ParentalResponsibility, IReadOnlyList<PhoneDetails> Phones, string? Email, bool AddressAsPupil);

public sealed record PhoneDetails(string Type, string Number);

/// <summary>A sibling: known in this school when <paramref name="PupilId"/> is set, otherwise only by the previous MIS's id.</summary>
public sealed record SiblingDetails(string ExternalId, Guid? PupilId, string? Name);

public sealed record PupilAddress(string? Line1, string? Line2, string? Line3, string? Line4, string? Line5, string? Postcode);

public sealed class GetPupilHandler(PupilsDbContext db, TimeProvider clock) : IQueryHandler<GetPupilQuery, PupilRecord>
{
    public async ValueTask<PupilRecord> Handle(GetPupilQuery query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var record = await db.Pupils.AsNoTracking()
            .Where(p => p.Id == query.PupilId)
            .Select(p => new
            {
                Pupil = p,
                Group = db.RegistrationGroups.Where(g => g.Id == p.RegistrationGroupId).Select(g => new { g.Code, g.ExternalId }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("No such pupil at this school.");

        var p = record.Pupil;
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.PupilId == p.Id).OrderBy(c => c.Order)
            .Select(c => new ContactDetails(c.ExternalId, c.Order, c.Title, c.Surname, c.Forename, c.Relationship, c.ParentalResponsibility,
                c.Phones.Select(x => new PhoneDetails(x.Type, x.Number)).ToList(), c.Email, c.AddressAsPupil))
            .ToListAsync(cancellationToken);
        // Sibling links run both ways: those this pupil names, and those that name this pupil.
        var named = await db.SiblingLinks.AsNoTracking().Where(l => l.PupilId == p.Id).Select(l => l.SiblingExternalId).ToListAsync(cancellationToken);
        var namingMe = p.ExternalId is null ? [] : await db.SiblingLinks.AsNoTracking().Where(l => l.SiblingExternalId == p.ExternalId)
            .Join(db.Pupils, l => l.PupilId, x => x.Id, (l, x) => x.ExternalId!).ToListAsync(cancellationToken);
        var siblingKeys = named.Union(namingMe).Where(k => k != null).Distinct().ToList();
        var known = await db.Pupils.AsNoTracking().Where(x => x.ExternalId != null && siblingKeys.Contains(x.ExternalId))
            .Select(x => new { x.ExternalId, x.Id, x.Forename, x.PreferredForename, x.Surname }).ToListAsync(cancellationToken);
        var siblings = siblingKeys.Select(k => known.FirstOrDefault(x => x.ExternalId == k) is { } s
            ? new SiblingDetails(k, s.Id, $"{s.PreferredForename ?? s.Forename} {s.Surname}") : new SiblingDetails(k, null, null)).ToList();
        var previousSchools = (await db.PreviousSchools.AsNoTracking().Where(s => s.PupilId == p.Id)
            .Select(s => new PreviousSchoolDetails(s.SchoolName, s.LaCode, s.Estab, s.Urn, s.EntryDate, s.LeavingDate, s.LeavingReason))
            .ToListAsync(cancellationToken))
            .OrderByDescending(s => s.EntryDate).ToList();
        return new PupilRecord(p.Id, p.ExternalId, p.Upn, p.Uln, p.Surname, p.Forename, p.MiddleNames, p.PreferredSurname,
            p.PreferredForename, p.FormerSurname, p.DateOfBirth, p.Sex, p.AdmissionNumber, p.AdmissionDate, p.LeavingDate,
            p.LeavingReason, p.EnrolmentStatus, p.NcYear, p.RegistrationGroupId, record.Group?.Code, record.Group?.ExternalId,
            p.Ethnicity, p.FirstLanguage, p.PartTime, p.Boarder, p.ServiceChild, p.YoungCarer,
            new PupilAddress(p.Address.Line1, p.Address.Line2, p.Address.Line3, p.Address.Line4, p.Address.Line5, p.Address.Postcode),
            p.IsOnRoll(today), contacts, siblings, await db.Photos.AnyAsync(x => x.PupilId == p.Id, cancellationToken), previousSchools);
    }
}
