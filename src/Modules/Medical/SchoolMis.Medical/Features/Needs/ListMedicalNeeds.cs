using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Medical.Data;
using SchoolMis.Medical.Domain;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Medical.Features.Needs;

/// <summary>Every pupil of the school with something on their medical record, alerts first (the office's overview).</summary>
public sealed record ListMedicalNeedsQuery : IQuery<IReadOnlyList<MedicalNeedRow>>;

public sealed record MedicalNeedRow(Guid PupilId, string Name, string NcYear, string? AlertLabel, IReadOnlyList<string> Items);

public sealed class ListMedicalNeedsHandler(MedicalDbContext db, ISender sender, ICurrentUser user) : IQueryHandler<ListMedicalNeedsQuery, IReadOnlyList<MedicalNeedRow>>
{
    public async ValueTask<IReadOnlyList<MedicalNeedRow>> Handle(ListMedicalNeedsQuery query, CancellationToken cancellationToken)
    {
        if (!user.IsSchoolAdmin && user.UserId is not null)
            throw new Access.MedicalAccessDeniedException("The school's list of medical needs is for the school office.");
        var items = await db.Items.AsNoTracking().Select(i => new { i.PupilId, i.Kind, i.Severity, i.Alert, i.Description }).ToListAsync(cancellationToken);
        var pupils = (await sender.Send(new GetPupilSummariesQuery(items.Select(i => i.PupilId).Distinct().ToList()), cancellationToken))
            .ToDictionary(p => p.PupilId);
        return items.GroupBy(i => i.PupilId).Where(g => pupils.ContainsKey(g.Key))
            .Select(g =>
            {
                var raising = g.Where(i => MedicalAlertRule.RaisesAlert(i.Kind, i.Severity, i.Alert)).Select(i => (i.Kind, i.Severity)).ToList();
                return new MedicalNeedRow(g.Key, pupils[g.Key].RegisterName, pupils[g.Key].NcYear, raising.Count > 0 ? MedicalAlertRule.Label(raising) : null,
                    g.OrderBy(i => i.Kind).Select(i => $"{MedicalAlertRule.Describe(i.Kind)}: {i.Description}").ToList());
            })
            .OrderBy(r => r.AlertLabel is null).ThenBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
    }
}
