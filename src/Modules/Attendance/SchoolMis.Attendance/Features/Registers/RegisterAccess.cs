using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Attendance.Features.Registers;

/// <summary>
/// Who may see and take a group's register: school admins every group's, teachers their own groups' (those they
/// tutor). API clients are already limited by their scopes and schools.
/// </summary>
internal static class RegisterAccess
{
    public static void Check(ICurrentUser user, RegistrationGroupSummary group)
    {
        if (!group.IsReachableBy(user.UserId, user.IsSchoolAdmin))
            throw new NotFoundException("No such register among your groups.");
    }
}
