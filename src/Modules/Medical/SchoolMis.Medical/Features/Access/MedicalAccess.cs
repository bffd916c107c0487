using Mediator;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Medical.Features.Access;

/// <summary>The caller may not see or change this medical record; pages answer 403 with the message, the API a 403 problem.</summary>
public sealed class MedicalAccessDeniedException(string message) : Exception(message);

/// <summary>
/// Who sees medical detail: the school office (every pupil), a teacher only the pupils of the registration groups
/// they tutor, nobody else (LA officers and platform operators never reach these pages: the school-staff policy
/// refuses them first). API clients are limited by their scope and by the endpoint, which admits only clients
/// granted the school itself. Only the school office changes a record.
/// </summary>
public sealed class MedicalAccess(ISender sender, ICurrentUser user)
{
    public const string ReadRefusal = "Medical details are shown only to the school office and to the tutors of the pupil's registration group.";
    public const string EditRefusal = "Only the school office can change medical records.";

    public async Task<PupilSummary> CheckCanReadAsync(Guid pupilId, CancellationToken cancellationToken)
    {
        var pupil = (await sender.Send(new GetPupilSummariesQuery([pupilId]), cancellationToken)).FirstOrDefault()
            ?? throw new NotFoundException("No such pupil at this school.");
        if (user.IsSchoolAdmin || user.UserId is null)
            return pupil;
        if (pupil.RegistrationGroupId is { } groupId
            && await sender.Send(new FindRegistrationGroupQuery(groupId), cancellationToken) is { } group
            && group.IsReachableBy(user.UserId, user.IsSchoolAdmin))
            return pupil;
        throw new MedicalAccessDeniedException(ReadRefusal);
    }

    public async Task<PupilSummary> CheckCanEditAsync(Guid pupilId, CancellationToken cancellationToken)
    {
        if (!user.IsSchoolAdmin)
            throw new MedicalAccessDeniedException(EditRefusal);
        return (await sender.Send(new GetPupilSummariesQuery([pupilId]), cancellationToken)).FirstOrDefault()
            ?? throw new NotFoundException("No such pupil at this school.");
    }
}
