using SchoolMis.Platform.Auditing;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Meals.Domain;

/// <summary>A pupil's entry in the daily meal register: which meal they took that day, and whether it is paid for.</summary>
[Audited]
public sealed class MealRecord : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public Guid PupilId { get; private set; }
    public DateOnly Date { get; private set; }
    public Guid MealTypeId { get; private set; }
    public bool Paid { get; private set; }
    /// <summary>The registration group whose meal register recorded it (kitchen numbers are by group).</summary>
    public Guid? RegistrationGroupId { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";

    public static MealRecord Record(Guid pupilId, DateOnly date, Guid mealTypeId, bool paid, Guid? registrationGroupId, DateTimeOffset at, string by) => new()
    {
        PupilId = pupilId, Date = date, MealTypeId = mealTypeId, Paid = paid, RegistrationGroupId = registrationGroupId, RecordedAt = at, RecordedBy = by,
    };

    public bool Matches(Guid mealTypeId, bool paid) => MealTypeId == mealTypeId && Paid == paid;

    public void Change(Guid mealTypeId, bool paid, DateTimeOffset at, string by)
    {
        MealTypeId = mealTypeId;
        Paid = paid;
        RecordedAt = at;
        RecordedBy = by;
    }
}
