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
    string? Ethnicity, string? FirstLanguage, PupilAddress Address, bool OnRoll);

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
        return new PupilRecord(p.Id, p.ExternalId, p.Upn, p.Uln, p.Surname, p.Forename, p.MiddleNames, p.PreferredSurname,
            p.PreferredForename, p.FormerSurname, p.DateOfBirth, p.Sex, p.AdmissionNumber, p.AdmissionDate, p.LeavingDate,
            p.LeavingReason, p.EnrolmentStatus, p.NcYear, p.RegistrationGroupId, record.Group?.Code, record.Group?.ExternalId,
            p.Ethnicity, p.FirstLanguage,
            new PupilAddress(p.Address.Line1, p.Address.Line2, p.Address.Line3, p.Address.Line4, p.Address.Line5, p.Address.Postcode),
            p.IsOnRoll(today));
    }
}
