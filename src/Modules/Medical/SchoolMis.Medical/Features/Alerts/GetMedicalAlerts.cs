using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Medical.Contracts;
using SchoolMis.Medical.Data;
using SchoolMis.Medical.Domain;

namespace SchoolMis.Medical.Features.Alerts;

/// <summary>
/// The markers for a page of pupils in one query. No role check: the label carries no detail, and every member of
/// staff who sees the pupil on a register or list should see it.
/// </summary>
public sealed class GetMedicalAlertsHandler(MedicalDbContext db) : IQueryHandler<GetMedicalAlertsQuery, IReadOnlyList<MedicalAlert>>
{
    public async ValueTask<IReadOnlyList<MedicalAlert>> Handle(GetMedicalAlertsQuery query, CancellationToken cancellationToken)
    {
        var ids = query.PupilIds.Distinct().ToList();
        if (ids.Count == 0)
            return [];
        var raising = await db.Items.AsNoTracking()
            .Where(i => ids.Contains(i.PupilId) && (i.Alert || (i.Kind == MedicalItemKind.Allergy && i.Severity == MedicalSeverity.Severe)))
            .Select(i => new { i.PupilId, i.Kind, i.Severity })
            .ToListAsync(cancellationToken);
        return raising.GroupBy(i => i.PupilId)
            .Select(g => new MedicalAlert(g.Key, MedicalAlertRule.Label(g.Select(i => (i.Kind, i.Severity)))))
            .ToList();
    }
}
