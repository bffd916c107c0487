using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Medical.Data;
using SchoolMis.Medical.Domain;
using SchoolMis.Medical.Features.Record;
using SchoolMis.Platform.Imports;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Medical.Features.Imports;

/// <summary>
/// The <c>medical</c> dataset of API.md, with optional extras: <c>alert</c> (raise the marker whatever the
/// severity), and for medication <c>dose</c>, <c>timing</c>, <c>storage</c> and <c>expiry</c>.
/// </summary>
public sealed record MedicalRow(string? ExternalId, string? PupilExternalId, string? Kind, string? Description, string? Severity, string? Notes,
    bool? Alert, string? Dose, string? Timing, string? Storage, DateOnly? Expiry)
{
    internal MedicalItemDetails ToDetails() => new(
        MedicalAlertRule.TryParseKind(Kind, out var kind) ? kind : null, Description,
        MedicalAlertRule.TryParseSeverity(Severity, out var severity) ? severity : null, Alert ?? false, Notes, Dose, Timing, Storage, Expiry);
}

internal sealed class MedicalRowValidator : AbstractValidator<MedicalRow>
{
    public MedicalRowValidator()
    {
        RuleFor(r => r.ExternalId).NotEmpty().MaximumLength(100);
        RuleFor(r => r.PupilExternalId).NotEmpty();
        RuleFor(r => r.Kind).NotEmpty()
            .Must(k => MedicalAlertRule.TryParseKind(k, out _)).When(r => !string.IsNullOrEmpty(r.Kind))
            .WithMessage(r => $"'{r.Kind}' is not a kind of medical record: use condition, allergy, medication or dietary.");
        RuleFor(r => r.Severity)
            .Must(s => MedicalAlertRule.TryParseSeverity(s, out _)).When(r => !string.IsNullOrWhiteSpace(r.Severity))
            .WithMessage(r => $"'{r.Severity}' is not a severity: use mild, moderate or severe.");
        RuleFor(r => r.Description).NotEmpty().MaximumLength(500);
        RuleFor(r => r.Notes).MaximumLength(2000);
        RuleFor(r => r.Dose).MaximumLength(200);
        RuleFor(r => r.Timing).MaximumLength(200);
        RuleFor(r => r.Storage).MaximumLength(200);
    }
}

internal sealed class MedicalDataset(MedicalDbContext db, IValidator<MedicalRow> validator, ISender sender) : ImportDataset<MedicalRow>(db, validator)
{
    public override string Name => "medical";

    public override Task<int> CountAsync(CancellationToken cancellationToken) => db.Items.CountAsync(cancellationToken);

    protected override string? KeyOf(MedicalRow row) => row.ExternalId;

    protected override async Task<IReadOnlyList<RowOutcome?>> UpsertAsync(IReadOnlyList<(int Row, MedicalRow Data)> batch,
        List<ImportError> errors, CancellationToken cancellationToken)
    {
        // One question to Pupils per batch, never one per row.
        var pupilKeys = batch.Select(b => b.Data.PupilExternalId!).Distinct().ToList();
        var pupils = (await sender.Send(new FindPupilsByExternalIdQuery(pupilKeys), cancellationToken))
            .ToDictionary(p => p.ExternalId!, p => p.PupilId, StringComparer.Ordinal);
        var ids = batch.Select(b => b.Data.ExternalId!).ToList();
        var existing = await db.Items.Where(i => i.ExternalId != null && ids.Contains(i.ExternalId))
            .ToDictionaryAsync(i => i.ExternalId!, cancellationToken);

        var outcomes = new List<RowOutcome?>();
        foreach (var (row, data) in batch)
        {
            if (!pupils.TryGetValue(data.PupilExternalId!, out var pupilId))
            {
                errors.Add(ImportError.UnknownPupil(row, data.ExternalId, data.PupilExternalId));
                outcomes.Add(null);
                continue;
            }
            if (!existing.TryGetValue(data.ExternalId!, out var item))
            {
                item = new MedicalItem { ExternalId = data.ExternalId, PupilId = pupilId, Description = "" };
                item.Apply(data.ToDetails());
                db.Items.Add(item);
                existing[data.ExternalId!] = item;
                outcomes.Add(RowOutcome.Created);
                continue;
            }
            item.PupilId = pupilId;
            item.Apply(data.ToDetails());
            db.ChangeTracker.DetectChanges();
            outcomes.Add(db.Entry(item).State == EntityState.Modified ? RowOutcome.Updated : RowOutcome.Unchanged);
        }
        return outcomes;
    }
}
