using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Pupils.Data;
using SchoolMis.Pupils.Domain;

namespace SchoolMis.Pupils.Features.AdmitPupils;

/// <summary>
/// Admits many pupils at once (a new intake, a demo school): every row is validated, identifiers are checked
/// against each other and the school's roll in one query, and either all are admitted or none.
/// </summary>
public sealed record AdmitPupilsCommand(IReadOnlyList<PupilDetails> Pupils) : ICommand<IReadOnlyList<Guid>>;

internal sealed class AdmitPupilsValidator : AbstractValidator<AdmitPupilsCommand>
{
    public AdmitPupilsValidator(TimeProvider clock)
    {
        RuleFor(c => c.Pupils).NotEmpty();
        RuleForEach(c => c.Pupils).SetValidator(new PupilDetailsValidator(clock));
    }
}

public sealed class AdmitPupilsHandler(PupilsDbContext db) : ICommandHandler<AdmitPupilsCommand, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(AdmitPupilsCommand command, CancellationToken cancellationToken)
    {
        var rows = command.Pupils.Select((p, i) => (Row: i, Upn: p.Upn.Trim().ToUpperInvariant(), Admission: p.AdmissionNumber.Trim(), p)).ToList();
        var upns = rows.Select(r => r.Upn).ToList();
        var admissions = rows.Select(r => r.Admission).ToList();
        var taken = await db.Pupils.AsNoTracking().Where(p => upns.Contains(p.Upn) || admissions.Contains(p.AdmissionNumber))
            .Select(p => new { p.Upn, p.AdmissionNumber }).ToListAsync(cancellationToken);
        var groupIds = rows.Select(r => r.p.RegistrationGroupId).OfType<Guid>().Distinct().ToList();
        var groups = await db.RegistrationGroups.Where(g => groupIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken);

        var failures = new List<ValidationFailure>();
        var seenUpns = new HashSet<string>();
        var seenAdmissions = new HashSet<string>();
        foreach (var (row, upn, admission, p) in rows)
        {
            if (!seenUpns.Add(upn) || taken.Any(t => t.Upn == upn))
                failures.Add(new($"Pupils[{row}].Upn", $"Row {row + 1}: UPN {upn} is already used."));
            if (!seenAdmissions.Add(admission) || taken.Any(t => t.AdmissionNumber == admission))
                failures.Add(new($"Pupils[{row}].AdmissionNumber", $"Row {row + 1}: admission number {admission} is already used."));
            if (p.RegistrationGroupId is { } g && !groups.Contains(g))
                failures.Add(new($"Pupils[{row}].RegistrationGroupId", $"Row {row + 1}: that registration group does not exist."));
        }
        if (failures.Count > 0)
            throw new ValidationException(failures);

        var pupils = rows.Select(r =>
        {
            var pupil = new Pupil { Upn = "", Surname = "", Forename = "", Sex = "", AdmissionNumber = "", EnrolmentStatus = "", NcYear = "" };
            r.p.ApplyTo(pupil);
            return pupil;
        }).ToList();
        db.Pupils.AddRange(pupils);
        await db.SaveChangesAsync(cancellationToken);
        return pupils.Select(p => p.Id).ToList();
    }
}
