using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Identity.Data;
using SchoolMis.Platform.Messaging;

namespace SchoolMis.Identity.Features.Schools;

/// <summary>Schools on the platform; narrowed to some ids and/or one LA when given.</summary>
public sealed record ListSchoolsQuery(IReadOnlyCollection<Guid>? Ids = null, string? LaCode = null)
    : IQuery<IReadOnlyList<SchoolDto>>, IPlatformMessage;

public sealed class ListSchoolsHandler(IdentityDataContext db) : IQueryHandler<ListSchoolsQuery, IReadOnlyList<SchoolDto>>
{
    public async ValueTask<IReadOnlyList<SchoolDto>> Handle(ListSchoolsQuery query, CancellationToken cancellationToken)
    {
        var schools = db.Schools.AsNoTracking();
        if (query.Ids is not null && query.LaCode is not null)
            schools = schools.Where(s => query.Ids.Contains(s.Id) || s.LaCode == query.LaCode);
        else if (query.Ids is not null)
            schools = schools.Where(s => query.Ids.Contains(s.Id));
        else if (query.LaCode is not null)
            schools = schools.Where(s => s.LaCode == query.LaCode);

        var list = await schools.OrderBy(s => s.Name).ToListAsync(cancellationToken);
        return list.Select(SchoolDto.From).ToList();
    }
}
