using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Meals.Data;
using SchoolMis.Meals.Domain;
using SchoolMis.Meals.Features.MealTypes;
using SchoolMis.Platform.Messaging;
using SchoolMis.Platform.Security;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Meals.Features.MealRegister;

/// <summary>One group's meal register for a day: the pupils on roll, each with the meal recorded (if any).</summary>
public sealed record GetMealRegisterQuery(Guid RegistrationGroupId, DateOnly Date) : IQuery<MealRegisterView>;

/// <param name="ShowsFsm">Whether FSM eligibility and the paid flag are shown: school admins only.</param>
/// <param name="SchoolDay">False when the school calendar has no school that day: then there is no register (and no rows).</param>
public sealed record MealRegisterView(Guid RegistrationGroupId, string GroupCode, string GroupName, DateOnly Date, bool ShowsFsm,
    IReadOnlyList<MealTypeItem> MealTypes, IReadOnlyList<MealRegisterRow> Rows, bool SchoolDay = true)
{
    public int Unrecorded => Rows.Count(r => r.MealTypeId is null);
}

/// <param name="FsmEligible">Eligible for free school meals on the day; null when the reader may not know it (teachers).</param>
/// <param name="Paid">Whether the meal is paid for; null when the reader may not know it (teachers), since a free lunch can reveal FSM.</param>
public sealed record MealRegisterRow(Guid PupilId, string Name, string NcYear, bool UniversalInfant, bool? FsmEligible, Guid? MealTypeId, bool? Paid);

/// <summary>
/// Records a group's meals for a day in one go. An entry with no meal type leaves the pupil as they are. Paid is
/// the office's to set: when it is not given (always so for teachers, whose register must not reveal FSM), a new or
/// changed school lunch is paid unless the pupil has FSM or Universal Infant FSM that day, and an unchanged entry
/// keeps what it had.
/// </summary>
public sealed record TakeMealRegisterCommand(Guid RegistrationGroupId, DateOnly Date, IReadOnlyList<MealEntry> Entries) : ICommand<TakeMealRegisterResult>;

public sealed record MealEntry(Guid PupilId, Guid? MealTypeId, bool? Paid = null);

public sealed record TakeMealRegisterResult(int Recorded, int Changed, int Unchanged, int StillUnrecorded);

internal sealed class TakeMealRegisterValidator : AbstractValidator<TakeMealRegisterCommand>
{
    public TakeMealRegisterValidator() => RuleFor(c => c.Entries).NotNull();
}

/// <summary>Who has FSM on a day, and what a meal costs by default.</summary>
public static class MealRules
{
    public static async Task<bool> IsSchoolDayAsync(ISender sender, DateOnly date, CancellationToken ct) =>
        (await sender.Send(new SchoolMis.Attendance.Contracts.GetSchoolDaysQuery(date, date), ct)).Count > 0;

    public static async Task<HashSet<Guid>> FsmEligibleAsync(MealsDbContext db, IReadOnlyCollection<Guid> pupilIds, DateOnly date, CancellationToken ct) =>
        [.. await db.FsmPeriods.AsNoTracking()
            .Where(p => pupilIds.Contains(p.PupilId) && p.StartDate <= date && (p.EndDate == null || p.EndDate >= date))
            .Select(p => p.PupilId).Distinct().ToListAsync(ct)];

    /// <summary>A school lunch is paid for unless the pupil has FSM or Universal Infant FSM; anything else costs the school nothing.</summary>
    public static bool DefaultPaid(bool schoolLunch, bool fsm, string ncYear) => schoolLunch && !fsm && !FsmRules.IsUniversalInfant(ncYear);
}

public sealed class GetMealRegisterHandler(MealsDbContext db, ISender sender, ICurrentUser user) : IQueryHandler<GetMealRegisterQuery, MealRegisterView>
{
    public async ValueTask<MealRegisterView> Handle(GetMealRegisterQuery query, CancellationToken cancellationToken)
    {
        var group = await sender.Send(new FindRegistrationGroupQuery(query.RegistrationGroupId), cancellationToken)
            ?? throw new NotFoundException("No such registration group at this school.");
        MealsAccess.CheckGroup(user, group);
        var types = await sender.Send(new ListMealTypesQuery(), cancellationToken);
        var showsFsm = !MealsAccess.IsTeacher(user);
        // Meals are served on school days, as registers are taken: the calendar belongs to Attendance.
        if (!await MealRules.IsSchoolDayAsync(sender, query.Date, cancellationToken))
            return new MealRegisterView(group.RegistrationGroupId, group.Code, group.Name, query.Date, showsFsm, types, [], SchoolDay: false);
        var roll = await sender.Send(new GetRegistrationGroupRollQuery(group.RegistrationGroupId, query.Date), cancellationToken);
        var ids = roll.Select(p => p.PupilId).ToList();
        var meals = await db.Meals.AsNoTracking().Where(m => m.Date == query.Date && ids.Contains(m.PupilId))
            .ToDictionaryAsync(m => m.PupilId, cancellationToken);
        var fsm = showsFsm ? await MealRules.FsmEligibleAsync(db, ids, query.Date, cancellationToken) : [];
        var rows = roll.Select(p =>
        {
            var meal = meals.GetValueOrDefault(p.PupilId);
            return new MealRegisterRow(p.PupilId, p.RegisterName, p.NcYear, FsmRules.IsUniversalInfant(p.NcYear),
                showsFsm ? fsm.Contains(p.PupilId) : null, meal?.MealTypeId, showsFsm ? meal?.Paid : null);
        }).ToList();
        return new MealRegisterView(group.RegistrationGroupId, group.Code, group.Name, query.Date, showsFsm, types, rows);
    }
}

public sealed class TakeMealRegisterHandler(MealsDbContext db, ISender sender, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<TakeMealRegisterCommand, TakeMealRegisterResult>
{
    public async ValueTask<TakeMealRegisterResult> Handle(TakeMealRegisterCommand command, CancellationToken cancellationToken)
    {
        var group = await sender.Send(new FindRegistrationGroupQuery(command.RegistrationGroupId), cancellationToken)
            ?? throw new NotFoundException("No such registration group at this school.");
        MealsAccess.CheckGroup(user, group);
        if (!await MealRules.IsSchoolDayAsync(sender, command.Date, cancellationToken))
            throw new DomainRuleException($"{command.Date:dddd d MMMM yyyy} is not a school day in this school's calendar, so it has no meal register.", "Date");
        var roll = (await sender.Send(new GetRegistrationGroupRollQuery(group.RegistrationGroupId, command.Date), cancellationToken))
            .ToDictionary(p => p.PupilId);
        var types = await db.MealTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, cancellationToken);

        var failures = new List<ValidationFailure>();
        for (var i = 0; i < command.Entries.Count; i++)
        {
            var entry = command.Entries[i];
            if (!roll.ContainsKey(entry.PupilId))
                failures.Add(new($"Entries[{i}].PupilId", $"Pupil {entry.PupilId} is not in {group.Code} on {command.Date:yyyy-MM-dd}."));
            else if (entry.MealTypeId is { } typeId && !types.ContainsKey(typeId))
                failures.Add(new($"Entries[{i}].MealTypeId", $"{roll[entry.PupilId].RegisterName}: no such meal type at this school."));
        }
        if (failures.Count > 0)
            throw new ValidationException(failures);

        var ids = roll.Keys.ToList();
        var existing = await db.Meals.Where(m => m.Date == command.Date && ids.Contains(m.PupilId)).ToDictionaryAsync(m => m.PupilId, cancellationToken);
        var fsm = await MealRules.FsmEligibleAsync(db, ids, command.Date, cancellationToken);
        var teacher = MealsAccess.IsTeacher(user);
        var now = clock.GetUtcNow();
        int recorded = 0, changed = 0, unchanged = 0;
        foreach (var entry in command.Entries)
        {
            if (entry.MealTypeId is not { } typeId)
                continue;
            var pupil = roll[entry.PupilId];
            var type = types[typeId];
            // Teachers never set paid: what they could set would tell them who is on FSM.
            var given = teacher ? null : entry.Paid;
            var derived = MealRules.DefaultPaid(type.CountsAsSchoolLunch, fsm.Contains(pupil.PupilId), pupil.NcYear);
            if (!existing.TryGetValue(pupil.PupilId, out var meal))
            {
                db.Meals.Add(existing[pupil.PupilId] = MealRecord.Record(pupil.PupilId, command.Date, typeId, given ?? derived,
                    group.RegistrationGroupId, now, user.AuditName));
                recorded++;
                continue;
            }
            var paid = given ?? (meal.MealTypeId == typeId ? meal.Paid : derived);
            if (meal.Matches(typeId, paid))
                unchanged++;
            else
            {
                meal.Change(typeId, paid, now, user.AuditName);
                changed++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return new TakeMealRegisterResult(recorded, changed, unchanged, ids.Count(id => !existing.ContainsKey(id)));
    }
}

/// <summary>The day's meal registers: a teacher's own groups, or every group for an admin, with how many pupils have a meal recorded.</summary>
public sealed record GetMealRegistersForDayQuery(DateOnly Date) : IQuery<IReadOnlyList<MealRegisterStatus>>;

public sealed record MealRegisterStatus(Guid RegistrationGroupId, string GroupCode, string GroupName, int Pupils, int Recorded);

public sealed class GetMealRegistersForDayHandler(MealsDbContext db, ISender sender, ICurrentUser user)
    : IQueryHandler<GetMealRegistersForDayQuery, IReadOnlyList<MealRegisterStatus>>
{
    public async ValueTask<IReadOnlyList<MealRegisterStatus>> Handle(GetMealRegistersForDayQuery query, CancellationToken cancellationToken)
    {
        var groups = await sender.Send(new GetRegistrationGroupsQuery(MealsAccess.IsTeacher(user) ? user.UserId : null), cancellationToken);
        var rolls = await sender.Send(new CountGroupRollsQuery(query.Date), cancellationToken);
        var recorded = await db.Meals.AsNoTracking().Where(m => m.Date == query.Date && m.RegistrationGroupId != null)
            .GroupBy(m => m.RegistrationGroupId).Select(g => new { GroupId = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(g => g.GroupId, g => g.Count, cancellationToken);
        return groups.Select(g => new MealRegisterStatus(g.RegistrationGroupId, g.Code, g.Name, rolls.GetValueOrDefault(g.RegistrationGroupId),
            recorded.GetValueOrDefault(g.RegistrationGroupId))).ToList();
    }
}
