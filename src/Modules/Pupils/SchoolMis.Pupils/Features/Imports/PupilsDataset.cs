using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform.Imports;
using SchoolMis.Pupils.Data;
using SchoolMis.Pupils.Domain;

namespace SchoolMis.Pupils.Features.Imports;

/// <summary>
/// The <c>pupils</c> dataset of API.md. The census details (partTime, boarder, serviceChild, youngCarer) came later
/// and are optional: left out, a new pupil gets the defaults (full time, not a boarder, not recorded) and an existing
/// one keeps what the school recorded, so an older export does not undo the office's work; "" clears a code.
/// </summary>
public sealed record PupilRow(
    string? ExternalId, string? Upn, string? Uln, string? Surname, string? Forename, string? MiddleNames, string? PreferredSurname,
    string? PreferredForename, string? FormerSurname, DateOnly? DateOfBirth, string? Sex, string? AdmissionNumber, DateOnly? AdmissionDate,
    DateOnly? LeavingDate, string? LeavingReason, string? EnrolmentStatus, string? NcYear, string? RegistrationGroupExternalId,
    string? Ethnicity, string? FirstLanguage, PupilRowAddress? Address, IReadOnlyList<string>? SiblingExternalIds,
    bool? PartTime = null, string? Boarder = null, string? ServiceChild = null, string? YoungCarer = null)
{
    internal PupilDetails ToDetails(Guid? groupId, Pupil? existing = null) => new()
    {
        Upn = Upn ?? "", Uln = Uln, Surname = Surname ?? "", Forename = Forename ?? "", MiddleNames = MiddleNames,
        PreferredSurname = PreferredSurname, PreferredForename = PreferredForename, FormerSurname = FormerSurname,
        DateOfBirth = DateOfBirth, Sex = Sex ?? "", AdmissionNumber = AdmissionNumber ?? "", AdmissionDate = AdmissionDate,
        EnrolmentStatus = EnrolmentStatus ?? "", NcYear = NcYear ?? "", RegistrationGroupId = groupId, Ethnicity = Ethnicity,
        FirstLanguage = FirstLanguage, PartTime = PartTime ?? existing?.PartTime ?? false,
        Boarder = Boarder is null ? existing?.Boarder ?? "N" : string.IsNullOrWhiteSpace(Boarder) ? "N" : Boarder.Trim(),
        ServiceChild = ServiceChild ?? existing?.ServiceChild, YoungCarer = YoungCarer ?? existing?.YoungCarer, AddressLine1 = Address?.Line1, AddressLine2 = Address?.Line2, AddressLine3 = Address?.Line3,
        AddressLine4 = Address?.Line4, AddressLine5 = Address?.Line5, Postcode = Address?.Postcode,
    };
}

public sealed record PupilRowAddress(string? Line1, string? Line2, string? Line3, string? Line4, string? Line5, string? Postcode);

internal sealed class PupilRowValidator : AbstractValidator<PupilRow>
{
    public PupilRowValidator(TimeProvider clock)
    {
        RuleFor(r => r.ExternalId).NotEmpty().MaximumLength(100);
        // The same rules as the pupil form; errors are named by the row's own fields.
        var details = new PupilDetailsValidator(clock);
        RuleFor(r => r).Custom((row, context) =>
        {
            foreach (var failure in details.Validate(row.ToDetails(null)).Errors)
                context.AddFailure(new FluentValidation.Results.ValidationFailure(RowField(failure.PropertyName), failure.ErrorMessage));
        });
        RuleFor(r => r.LeavingDate).Must((r, d) => d is null || r.AdmissionDate is null || d >= r.AdmissionDate)
            .WithMessage("leavingDate cannot be before admissionDate.");
        RuleFor(r => r.LeavingReason).MaximumLength(200);
    }

    private static string RowField(string detailsField) => detailsField switch
    {
        nameof(PupilDetails.Postcode) => "Address.Postcode",
        _ when detailsField.StartsWith("AddressLine", StringComparison.Ordinal) => "Address.Line" + detailsField["AddressLine".Length..],
        _ => detailsField,
    };
}

internal sealed class PupilsDataset(PupilsDbContext db, IValidator<PupilRow> validator) : ImportDataset<PupilRow>(db, validator)
{
    public override string Name => "pupils";

    public override Task<int> CountAsync(CancellationToken cancellationToken) => db.Pupils.CountAsync(cancellationToken);

    protected override string? KeyOf(PupilRow row) => row.ExternalId;

    protected override async Task<IReadOnlyList<RowOutcome?>> UpsertAsync(IReadOnlyList<(int Row, PupilRow Data)> batch,
        List<ImportError> errors, CancellationToken cancellationToken)
    {
        // Three reads per batch, whatever its size: the pupils it names, identifier clashes, and its groups.
        var ids = batch.Select(b => b.Data.ExternalId!).ToList();
        var upns = batch.Select(b => b.Data.Upn!.Trim().ToUpperInvariant()).ToList();
        var admissions = batch.Select(b => b.Data.AdmissionNumber!.Trim()).ToList();
        var pupils = await db.Pupils.Where(p => (p.ExternalId != null && ids.Contains(p.ExternalId)) || upns.Contains(p.Upn) || admissions.Contains(p.AdmissionNumber))
            .ToListAsync(cancellationToken);
        var groupKeys = batch.Select(b => b.Data.RegistrationGroupExternalId).OfType<string>().Distinct().ToList();
        var groups = await db.RegistrationGroups.Where(g => g.ExternalId != null && groupKeys.Contains(g.ExternalId))
            .ToDictionaryAsync(g => g.ExternalId!, g => g.Id, cancellationToken);

        var outcomes = new List<RowOutcome?>();
        var links = await db.SiblingLinks.Where(l => db.Pupils.Any(p => p.Id == l.PupilId && p.ExternalId != null && ids.Contains(p.ExternalId)))
            .ToListAsync(cancellationToken);
        foreach (var (row, data) in batch)
        {
            Guid? groupId = null;
            if (data.RegistrationGroupExternalId is { } groupKey)
            {
                if (!groups.TryGetValue(groupKey, out var id))
                {
                    errors.Add(new(row, data.ExternalId, "registrationGroupExternalId", "unknown-reference",
                        $"No registration group with externalId '{groupKey}': import registration-groups first."));
                    outcomes.Add(null);
                    continue;
                }
                groupId = id;
            }
            var pupil = pupils.FirstOrDefault(p => p.ExternalId == data.ExternalId);
            var details = data.ToDetails(groupId, pupil);
            var upn = details.Upn.Trim().ToUpperInvariant();
            if (pupils.FirstOrDefault(p => p != pupil && p.Upn == upn) is { } upnClash)
            {
                errors.Add(new(row, data.ExternalId, "upn", "conflict", $"UPN {upn} belongs to another pupil ('{upnClash.ExternalId ?? upnClash.Surname}')."));
                outcomes.Add(null);
                continue;
            }
            if (pupils.FirstOrDefault(p => p != pupil && p.AdmissionNumber == details.AdmissionNumber.Trim()) is { } admissionClash)
            {
                errors.Add(new(row, data.ExternalId, "admissionNumber", "conflict",
                    $"Admission number {details.AdmissionNumber} belongs to another pupil ('{admissionClash.ExternalId ?? admissionClash.Surname}')."));
                outcomes.Add(null);
                continue;
            }

            if (pupil is null)
            {
                pupil = new Pupil { Upn = "", Surname = "", Forename = "", Sex = "", AdmissionNumber = "", EnrolmentStatus = "", NcYear = "", ExternalId = data.ExternalId };
                details.ApplyTo(pupil);
                Leaving(pupil, data);
                db.Pupils.Add(pupil);
                pupils.Add(pupil);
                SyncSiblings(pupil.Id, data.SiblingExternalIds, links);
                outcomes.Add(RowOutcome.Created);
                continue;
            }
            details.ApplyTo(pupil);
            Leaving(pupil, data);
            var siblingsChanged = SyncSiblings(pupil.Id, data.SiblingExternalIds, links);
            // EF knows whether anything really changed: an identical row leaves the entity unmodified.
            db.ChangeTracker.DetectChanges();
            var entry = db.Entry(pupil);
            outcomes.Add(siblingsChanged || entry.State == EntityState.Modified || entry.Reference(p => p.Address).TargetEntry?.State == EntityState.Modified
                ? RowOutcome.Updated : RowOutcome.Unchanged);
        }
        return outcomes;
    }

    /// <summary>Makes the pupil's sibling links those of the row; true when they changed.</summary>
    private bool SyncSiblings(Guid pupilId, IReadOnlyList<string>? siblingExternalIds, List<SiblingLink> links)
    {
        var wanted = (siblingExternalIds ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToHashSet();
        var current = links.Where(l => l.PupilId == pupilId).ToList();
        var changed = false;
        foreach (var stale in current.Where(l => !wanted.Contains(l.SiblingExternalId)))
        {
            db.SiblingLinks.Remove(stale);
            changed = true;
        }
        foreach (var added in wanted.Where(w => current.All(l => l.SiblingExternalId != w)))
        {
            db.SiblingLinks.Add(new SiblingLink { PupilId = pupilId, SiblingExternalId = added });
            changed = true;
        }
        return changed;
    }

    private static void Leaving(Pupil pupil, PupilRow data)
    {
        if (data.LeavingDate is { } left)
            pupil.RecordLeaving(left, string.IsNullOrWhiteSpace(data.LeavingReason) ? null : data.LeavingReason.Trim());
        else if (pupil.LeavingDate is not null)
            pupil.CancelLeaving();
    }
}
