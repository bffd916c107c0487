using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform;
using SchoolMis.Platform.Web;
using SchoolMis.Pupils.Data;

namespace SchoolMis.Pupils.Features.ListPupils;

/// <summary>
/// Finds pupils by name (legal or preferred), UPN or admission number, optionally within one registration group.
/// Leavers are left out unless asked for.
/// </summary>
public sealed record ListPupilsQuery(string? Search = null, Guid? RegistrationGroupId = null, bool IncludeLeavers = false,
    int Page = 1, int PageSize = 50) : IQuery<Paged<PupilListItem>>;

public sealed record PupilListItem(Guid Id, string? ExternalId, string Upn, string Surname, string Forename,
    string? PreferredForename, DateOnly DateOfBirth, string Sex, string NcYear, string AdmissionNumber,
    string? RegistrationGroup, bool OnRoll);

internal sealed class ListPupilsValidator : AbstractValidator<ListPupilsQuery>
{
    public ListPupilsValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 500);
        RuleFor(q => q.Search).MaximumLength(100);
    }
}

public sealed class ListPupilsHandler(PupilsDbContext db, TimeProvider clock) : IQueryHandler<ListPupilsQuery, Paged<PupilListItem>>
{
    public async ValueTask<Paged<PupilListItem>> Handle(ListPupilsQuery query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var pupils = db.Pupils.AsNoTracking();

        if (!query.IncludeLeavers)
            pupils = pupils.Where(p => p.LeavingDate == null || p.LeavingDate > today);
        if (query.RegistrationGroupId is { } groupId)
            pupils = pupils.Where(p => p.RegistrationGroupId == groupId);

        foreach (var term in Terms(query.Search))
        {
            // Lower-case both sides so the match ignores case on every provider (PostgreSQL LIKE does not).
            var pattern = $"%{term}%";
            pupils = pupils.Where(p =>
                EF.Functions.Like(p.Surname.ToLower(), pattern) ||
                EF.Functions.Like(p.Forename.ToLower(), pattern) ||
                (p.PreferredForename != null && EF.Functions.Like(p.PreferredForename.ToLower(), pattern)) ||
                (p.PreferredSurname != null && EF.Functions.Like(p.PreferredSurname.ToLower(), pattern)) ||
                p.Upn.ToLower() == term ||
                p.AdmissionNumber.ToLower() == term);
        }

        var total = await pupils.CountAsync(cancellationToken);
        var items = await pupils
            .OrderBy(p => p.Surname).ThenBy(p => p.Forename).ThenBy(p => p.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(p => new PupilListItem(p.Id, p.ExternalId, p.Upn, p.Surname, p.Forename, p.PreferredForename,
                p.DateOfBirth, p.Sex, p.NcYear, p.AdmissionNumber,
                db.RegistrationGroups.Where(g => g.Id == p.RegistrationGroupId).Select(g => g.Code).FirstOrDefault(),
                p.AdmissionDate <= today && (p.LeavingDate == null || p.LeavingDate > today)))
            .ToListAsync(cancellationToken);
        return new Paged<PupilListItem>(items, total, query.Page, query.PageSize);
    }

    /// <summary>"smith jo" finds Jo Smith: every word must match some field.</summary>
    private static IEnumerable<string> Terms(string? search) =>
        (search ?? "").ToLowerInvariant()
            .Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(5);
}
