using Mediator;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Meals.Features;

/// <summary>
/// Who may see what of Meals. School admins: everything. Teachers: the meal registers (and meals) of the groups they
/// tutor, with Universal Infant FSM, which follows from the year group and is not sensitive; never FSM eligibility,
/// which tells whether a family receives benefits. API clients and background work are already limited by their
/// scopes and schools.
/// </summary>
internal static class MealsAccess
{
    /// <summary>A signed-in person who is not a school admin (a teacher).</summary>
    public static bool IsTeacher(ICurrentUser user) => user.UserId is not null && !user.IsSchoolAdmin;

    /// <summary>FSM eligibility, the kitchen's numbers and the school's meal types are for school admins only.</summary>
    public static void RequireAdmin(ICurrentUser user)
    {
        if (IsTeacher(user))
            throw new NotFoundException("Free school meal details are for the school office only.");
    }

    public static void CheckGroup(ICurrentUser user, RegistrationGroupSummary group)
    {
        if (!group.IsReachableBy(user.UserId, user.IsSchoolAdmin))
            throw new NotFoundException("No such meal register among your groups.");
    }

    /// <summary>A teacher may see a pupil's meals only when they tutor the pupil's group.</summary>
    public static async Task CheckPupilAsync(ICurrentUser user, ISender sender, PupilSummary pupil, CancellationToken ct)
    {
        if (!IsTeacher(user))
            return;
        var group = pupil.RegistrationGroupId is { } id ? await sender.Send(new FindRegistrationGroupQuery(id), ct) : null;
        if (group is null || !group.IsReachableBy(user.UserId, user.IsSchoolAdmin))
            throw new NotFoundException("No such pupil among your groups.");
    }
}
