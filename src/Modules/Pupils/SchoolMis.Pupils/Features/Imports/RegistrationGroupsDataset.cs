using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform.Imports;
using SchoolMis.Platform.ReferenceData;
using SchoolMis.Pupils.Data;
using SchoolMis.Pupils.Domain;

namespace SchoolMis.Pupils.Features.Imports;

/// <summary>The <c>registration-groups</c> dataset of API.md.</summary>
public sealed record RegistrationGroupRow(string? ExternalId, string? Code, string? Name, string? NcYear, string? TutorStaffExternalId);

internal sealed class RegistrationGroupRowValidator : AbstractValidator<RegistrationGroupRow>
{
    public RegistrationGroupRowValidator()
    {
        RuleFor(r => r.ExternalId).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Code).NotEmpty().Matches("^[A-Za-z0-9 /-]{1,20}$").WithMessage("The code is up to 20 letters, digits, spaces, hyphens or slashes.");
        RuleFor(r => r.Name).NotEmpty().MaximumLength(100);
        RuleFor(r => r.NcYear).Must(y => DfeCodes.NcYears.ContainsKey(y!)).When(r => !string.IsNullOrEmpty(r.NcYear))
            .WithMessage("ncYear must be a DfE NC year code (R, 1 ... 14, X, or M for mixed).");
        RuleFor(r => r.TutorStaffExternalId).MaximumLength(100);
    }
}

internal sealed class RegistrationGroupsDataset(PupilsDbContext db, IValidator<RegistrationGroupRow> validator)
    : ImportDataset<RegistrationGroupRow>(db, validator)
{
    public override string Name => "registration-groups";

    public override Task<int> CountAsync(CancellationToken cancellationToken) => db.RegistrationGroups.CountAsync(cancellationToken);

    protected override string? KeyOf(RegistrationGroupRow row) => row.ExternalId;

    protected override async Task<IReadOnlyList<RowOutcome?>> UpsertAsync(IReadOnlyList<(int Row, RegistrationGroupRow Data)> batch,
        List<ImportError> errors, CancellationToken cancellationToken)
    {
        var ids = batch.Select(b => b.Data.ExternalId!).ToList();
        var codes = batch.Select(b => b.Data.Code!).ToList();
        var existing = await db.RegistrationGroups.Where(g => (g.ExternalId != null && ids.Contains(g.ExternalId)) || codes.Contains(g.Code))
            .ToListAsync(cancellationToken);
        var outcomes = new List<RowOutcome?>();
        foreach (var (row, data) in batch)
        {
            var group = existing.FirstOrDefault(g => g.ExternalId == data.ExternalId);
            if (existing.FirstOrDefault(g => g.Code == data.Code && g.ExternalId != data.ExternalId) is { } clash)
            {
                errors.Add(new(row, data.ExternalId, "code", "conflict", $"Code {data.Code} is already used by group '{clash.ExternalId ?? clash.Name}'."));
                outcomes.Add(null);
                continue;
            }
            var ncYear = string.IsNullOrEmpty(data.NcYear) ? null : data.NcYear;
            if (group is null)
            {
                group = new RegistrationGroup { ExternalId = data.ExternalId, Code = data.Code!, Name = data.Name!, NcYear = ncYear, TutorStaffExternalId = data.TutorStaffExternalId };
                db.RegistrationGroups.Add(group);
                existing.Add(group);
                outcomes.Add(RowOutcome.Created);
            }
            else if (group.Code == data.Code && group.Name == data.Name && group.NcYear == ncYear && group.TutorStaffExternalId == data.TutorStaffExternalId)
                outcomes.Add(RowOutcome.Unchanged);
            else
            {
                (group.Code, group.Name, group.NcYear, group.TutorStaffExternalId) = (data.Code!, data.Name!, ncYear, data.TutorStaffExternalId);
                outcomes.Add(RowOutcome.Updated);
            }
        }
        return outcomes;
    }
}
