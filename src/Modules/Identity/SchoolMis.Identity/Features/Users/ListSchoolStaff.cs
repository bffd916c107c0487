using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Identity.Contracts;
using SchoolMis.Identity.Data;
using SchoolMis.Platform.Security;

namespace SchoolMis.Identity.Features.Users;

public sealed class ListSchoolStaffHandler(IdentityDataContext db) : IQueryHandler<ListSchoolStaffQuery, IReadOnlyList<StaffUser>>
{
    public async ValueTask<IReadOnlyList<StaffUser>> Handle(ListSchoolStaffQuery query, CancellationToken cancellationToken)
    {
        var staffRoles = new[] { Roles.SchoolAdmin, Roles.Teacher };
        return await (
                from m in db.SchoolMemberships
                where m.SchoolId == query.SchoolId
                join u in db.Users on m.UserId equals u.Id
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where staffRoles.Contains(r.Name!)
                orderby u.DisplayName
                select new StaffUser(u.Id, u.DisplayName, u.Email!, r.Name!))
            .ToListAsync(cancellationToken);
    }
}
