using Mediator;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Sen.Features;

/// <summary>
/// Who may see and change SEN records. School admins (the office) see and change every pupil's; teachers only read,
/// and only for pupils in registration groups they tutor; API clients are already limited by scope and school.
/// LA officers never reach these pages (the school-staff policy) nor these records.
/// </summary>
public sealed class SenAccess(ICurrentUser user, ISender sender)
{
    /// <summary>A teacher: a signed-in person who is not the school's admin.</summary>
    public bool IsTeacher => user.UserId is not null && !user.IsSchoolAdmin;

    /// <summary>The groups whose pupils the caller may see; null for everyone.</summary>
    public async Task<HashSet<Guid>?> VisibleGroupsAsync(CancellationToken ct)
    {
        if (!IsTeacher)
            return null;
        var groups = await sender.Send(new GetRegistrationGroupsQuery(TutorUserId: user.UserId), ct);
        return groups.Select(g => g.RegistrationGroupId).ToHashSet();
    }

    /// <summary>The pupil, when the caller may see their SEN record; otherwise not found (as if not there).</summary>
    public async Task<PupilSummary> PupilAsync(Guid pupilId, CancellationToken ct)
    {
        var pupil = (await sender.Send(new GetPupilSummariesQuery([pupilId]), ct)).SingleOrDefault()
            ?? throw new NotFoundException("No such pupil at this school.");
        if (await VisibleGroupsAsync(ct) is { } groups && (pupil.RegistrationGroupId is not { } group || !groups.Contains(group)))
            throw new NotFoundException("No such pupil among the groups you tutor.");
        return pupil;
    }

    /// <summary>Only the school office changes SEN records (teachers read them).</summary>
    public void RequireEditor()
    {
        if (IsTeacher)
            throw new DomainRuleException("Only the school office can change SEN records.");
    }
}
