using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform;
using SchoolMis.Pupils.Contracts;
using SchoolMis.Pupils.Data;

namespace SchoolMis.Pupils.Features;

public sealed class CountPupilsOnRollHandler(PupilsDbContext db, TimeProvider clock) : IQueryHandler<CountPupilsOnRollQuery, PupilRollCount>
{
    private static readonly string[] YearOrder = ["E1", "E2", "N1", "N2", "R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "X"];

    public async ValueTask<PupilRollCount> Handle(CountPupilsOnRollQuery query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var byYear = await db.Pupils.AsNoTracking()
            .Where(p => p.AdmissionDate <= today && (p.LeavingDate == null || p.LeavingDate > today))
            .GroupBy(p => p.NcYear)
            .Select(g => new NcYearCount(g.Key, g.Count()))
            .ToListAsync(cancellationToken);
        var ordered = byYear.OrderBy(c => Array.IndexOf(YearOrder, c.NcYear) is var i && i < 0 ? int.MaxValue : i).ToList();
        var groups = await db.RegistrationGroups.CountAsync(cancellationToken);
        return new PupilRollCount(ordered.Sum(c => c.Pupils), ordered, groups);
    }
}

public sealed class GetPupilSummariesHandler(PupilsDbContext db) : IQueryHandler<GetPupilSummariesQuery, IReadOnlyList<PupilSummary>>
{
    public async ValueTask<IReadOnlyList<PupilSummary>> Handle(GetPupilSummariesQuery query, CancellationToken cancellationToken)
    {
        var ids = query.PupilIds.Distinct().ToList();
        return await db.Pupils.AsNoTracking().Where(p => ids.Contains(p.Id))
            .OrderBy(p => p.Surname).ThenBy(p => p.Forename)
            .Select(p => new PupilSummary(p.Id, p.ExternalId, p.Upn, p.Surname, p.Forename, p.PreferredForename, p.NcYear, p.RegistrationGroupId, p.AdmissionNumber))
            .ToListAsync(cancellationToken);
    }
}

public sealed class GetRegistrationGroupRollHandler(PupilsDbContext db) : IQueryHandler<GetRegistrationGroupRollQuery, IReadOnlyList<PupilSummary>>
{
    public async ValueTask<IReadOnlyList<PupilSummary>> Handle(GetRegistrationGroupRollQuery query, CancellationToken cancellationToken)
    {
        var date = query.Date;
        return await db.Pupils.AsNoTracking()
            .Where(p => p.RegistrationGroupId == query.RegistrationGroupId && p.AdmissionDate <= date && (p.LeavingDate == null || p.LeavingDate > date))
            .OrderBy(p => p.Surname).ThenBy(p => p.Forename)
            .Select(p => new PupilSummary(p.Id, p.ExternalId, p.Upn, p.Surname, p.Forename, p.PreferredForename, p.NcYear, p.RegistrationGroupId, p.AdmissionNumber))
            .ToListAsync(cancellationToken);
    }
}

public sealed class GetPupilsOnRollHandler(PupilsDbContext db) : IQueryHandler<GetPupilsOnRollQuery, IReadOnlyList<PupilSummary>>
{
    public async ValueTask<IReadOnlyList<PupilSummary>> Handle(GetPupilsOnRollQuery query, CancellationToken cancellationToken)
    {
        var date = query.Date;
        return await db.Pupils.AsNoTracking()
            .Where(p => p.AdmissionDate <= date && (p.LeavingDate == null || p.LeavingDate > date))
            .OrderBy(p => p.Surname).ThenBy(p => p.Forename)
            .Select(p => new PupilSummary(p.Id, p.ExternalId, p.Upn, p.Surname, p.Forename, p.PreferredForename, p.NcYear, p.RegistrationGroupId, p.AdmissionNumber))
            .ToListAsync(cancellationToken);
    }
}

public sealed class FindPupilsByExternalIdHandler(PupilsDbContext db) : IQueryHandler<FindPupilsByExternalIdQuery, IReadOnlyList<PupilSummary>>
{
    public async ValueTask<IReadOnlyList<PupilSummary>> Handle(FindPupilsByExternalIdQuery query, CancellationToken cancellationToken)
    {
        var ids = query.ExternalIds.Distinct().ToList();
        return await db.Pupils.AsNoTracking().Where(p => p.ExternalId != null && ids.Contains(p.ExternalId))
            .Select(p => new PupilSummary(p.Id, p.ExternalId, p.Upn, p.Surname, p.Forename, p.PreferredForename, p.NcYear, p.RegistrationGroupId, p.AdmissionNumber))
            .ToListAsync(cancellationToken);
    }
}

public sealed class GetRegistrationGroupsHandler(PupilsDbContext db) : IQueryHandler<GetRegistrationGroupsQuery, IReadOnlyList<RegistrationGroupSummary>>
{
    public async ValueTask<IReadOnlyList<RegistrationGroupSummary>> Handle(GetRegistrationGroupsQuery query, CancellationToken cancellationToken)
    {
        var groups = db.RegistrationGroups.AsNoTracking();
        if (query.TutorUserId is { } userId)
            groups = groups.Where(g => g.Tutors.Any(t => t.UserId == userId));
        var list = await groups.OrderBy(g => g.NcYear == null).ThenBy(g => g.Code)
            .Select(g => new { g.Id, g.ExternalId, g.Code, g.Name, g.NcYear, Tutors = g.Tutors.Select(t => t.UserId).ToList() })
            .ToListAsync(cancellationToken);
        return list.Select(g => new RegistrationGroupSummary(g.Id, g.ExternalId, g.Code, g.Name, g.NcYear, g.Tutors)).ToList();
    }
}

public sealed class FindRegistrationGroupHandler(PupilsDbContext db) : IQueryHandler<FindRegistrationGroupQuery, RegistrationGroupSummary?>
{
    public async ValueTask<RegistrationGroupSummary?> Handle(FindRegistrationGroupQuery query, CancellationToken cancellationToken)
    {
        var groups = db.RegistrationGroups.AsNoTracking();
        if (query.Id is { } id)
            groups = groups.Where(g => g.Id == id);
        else if (query.ExternalIdOrCode is { } key)
            // The API names groups by their external id; groups made in SchoolMis have none, so their code serves.
            groups = groups.Where(g => g.ExternalId == key || (g.ExternalId == null && g.Code == key));
        else
            return null;
        var g = await groups.Select(g => new { g.Id, g.ExternalId, g.Code, g.Name, g.NcYear, Tutors = g.Tutors.Select(t => t.UserId).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        return g is null ? null : new RegistrationGroupSummary(g.Id, g.ExternalId, g.Code, g.Name, g.NcYear, g.Tutors);
    }
}

public sealed class CountGroupRollsHandler(PupilsDbContext db) : IQueryHandler<CountGroupRollsQuery, IReadOnlyDictionary<Guid, int>>
{
    public async ValueTask<IReadOnlyDictionary<Guid, int>> Handle(CountGroupRollsQuery query, CancellationToken cancellationToken)
    {
        var date = query.Date;
        return await db.Pupils.AsNoTracking()
            .Where(p => p.RegistrationGroupId != null && p.AdmissionDate <= date && (p.LeavingDate == null || p.LeavingDate > date))
            .GroupBy(p => p.RegistrationGroupId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }
}

public sealed class GetPupilTransferRecordHandler(PupilsDbContext db) : IQueryHandler<GetPupilTransferRecordQuery, PupilTransferRecord?>
{
    public async ValueTask<PupilTransferRecord?> Handle(GetPupilTransferRecordQuery query, CancellationToken cancellationToken)
    {
        var upn = query.Upn.Trim().ToUpperInvariant();
        var p = await db.Pupils.AsNoTracking().FirstOrDefaultAsync(x => x.Upn == upn, cancellationToken);
        if (p is null)
            return null;
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.PupilId == p.Id).ToListAsync(cancellationToken);
        var schools = await db.PreviousSchools.AsNoTracking().Where(s => s.PupilId == p.Id).ToListAsync(cancellationToken);
        var a = p.Address;
        return new PupilTransferRecord(p.Id, p.Upn, p.Uln, p.Surname, p.Forename, p.MiddleNames, p.PreferredSurname, p.PreferredForename,
            p.FormerSurname, p.DateOfBirth, p.Sex, p.NcYear, p.Ethnicity, p.FirstLanguage, p.EnrolmentStatus, p.AdmissionDate, p.LeavingDate,
            p.LeavingReason,
            [.. new[] { a?.Line1, a?.Line2, a?.Line3, a?.Line4, a?.Line5 }.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!)], a?.Postcode,
            [.. contacts.OrderBy(c => c.Order).Select(c => new TransferContact(c.Order, c.Title, c.Surname, c.Forename, c.Relationship,
                c.ParentalResponsibility, c.AddressAsPupil, c.Email, [.. c.Phones.Select(ph => new TransferPhone(ph.Type, ph.Number))]))],
            [.. schools.OrderBy(s => s.EntryDate).Select(s => new TransferPreviousSchool(s.LaCode, s.Estab, s.Urn, s.SchoolName, s.EntryDate, s.LeavingDate, s.LeavingReason))]);
    }
}

public sealed class GetCensusPupilsHandler(PupilsDbContext db) : IQueryHandler<GetCensusPupilsQuery, IReadOnlyList<CensusPupil>>
{
    public async ValueTask<IReadOnlyList<CensusPupil>> Handle(GetCensusPupilsQuery query, CancellationToken cancellationToken)
    {
        var day = query.CensusDay;
        var leftFrom = query.LeftOnOrAfter;
        var rows = await db.Pupils.AsNoTracking()
            .Where(p => p.AdmissionDate <= day && (p.LeavingDate == null || p.LeavingDate >= leftFrom))
            .OrderBy(p => p.Surname).ThenBy(p => p.Forename).ThenBy(p => p.Upn)
            .Select(p => new
            {
                p.Id, p.ExternalId, p.Upn, p.Uln, p.Surname, p.Forename, p.MiddleNames, p.PreferredSurname, p.PreferredForename,
                p.FormerSurname, p.Sex, p.DateOfBirth, p.Ethnicity, p.FirstLanguage, p.EnrolmentStatus, p.NcYear, p.AdmissionDate,
                p.LeavingDate, p.Address.Line1, p.Address.Line2, p.Address.Line3, p.Address.Line4, p.Address.Line5, p.Address.Postcode,
                p.PartTime, p.Boarder, p.ServiceChild, p.YoungCarer,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(p => new CensusPupil(p.Id, p.ExternalId, p.Upn, p.Uln, p.Surname, p.Forename, p.MiddleNames, p.PreferredSurname,
                p.PreferredForename, p.FormerSurname, p.Sex, p.DateOfBirth, p.Ethnicity, p.FirstLanguage, p.EnrolmentStatus, p.NcYear,
                p.AdmissionDate, p.LeavingDate,
                new[] { p.Line1, p.Line2, p.Line3, p.Line4, p.Line5 }.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!).ToList(),
                p.Postcode, p.PartTime, p.Boarder, p.ServiceChild, p.YoungCarer))
            .ToList();
    }
}
