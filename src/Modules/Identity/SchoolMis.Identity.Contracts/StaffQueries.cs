using Mediator;

namespace SchoolMis.Identity.Contracts;

/// <summary>The school admins and teachers who belong to the current school (e.g. to choose a group's tutors).</summary>
public sealed record ListSchoolStaffQuery(Guid SchoolId) : IQuery<IReadOnlyList<StaffUser>>;

/// <param name="UserId">The user's id, as in the sign-in cookie's name identifier claim.</param>
public sealed record StaffUser(Guid UserId, string DisplayName, string Email, string Role);
