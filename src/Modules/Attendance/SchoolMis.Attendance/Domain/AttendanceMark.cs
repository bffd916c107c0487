using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Attendance.Domain;

/// <summary>
/// A pupil's mark for one session: the current entry of the attendance register. It is never deleted; changing it
/// writes a <see cref="MarkAmendment"/> that keeps the entry it replaced, who changed it, when and why.
/// </summary>
public sealed class AttendanceMark : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public Guid PupilId { get; private set; }
    public DateOnly Date { get; private set; }
    public Session Session { get; private set; }
    public string Code { get; private set; } = "";
    /// <summary>The statistical meaning of <see cref="Code"/> on <see cref="Date"/>, kept so statistics are one GROUP BY.</summary>
    public MarkCategory Category { get; private set; }
    public int? MinutesLate { get; private set; }
    public string? Comment { get; private set; }
    /// <summary>The register (registration group) the mark was taken in.</summary>
    public Guid? RegistrationGroupId { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public List<MarkAmendment> Amendments { get; } = [];

    public static AttendanceMark Record(Guid pupilId, DateOnly date, Session session, AttendanceCode code, int? minutesLate,
        string? comment, Guid? registrationGroupId, DateTimeOffset at, string by) => new()
    {
        PupilId = pupilId, Date = date, Session = session, Code = code.Code, Category = code.Category,
        MinutesLate = AttendanceCodes.TakesMinutesLate(code.Code) ? minutesLate : null, Comment = comment,
        RegistrationGroupId = registrationGroupId, RecordedAt = at, RecordedBy = by,
    };

    public bool Matches(string code, int? minutesLate, string? comment) =>
        Code == code && MinutesLate == (AttendanceCodes.TakesMinutesLate(code) ? minutesLate : null) && Comment == comment;

    /// <summary>Changes the entry, keeping the one it replaces in the amendment history.</summary>
    public MarkAmendment Amend(AttendanceCode code, int? minutesLate, string? comment, string reason, DateTimeOffset at, string by)
    {
        var amendment = new MarkAmendment
        {
            MarkId = Id, PupilId = PupilId, Date = Date, Session = Session,
            PreviousCode = Code, PreviousMinutesLate = MinutesLate, PreviousComment = Comment, PreviousRecordedAt = RecordedAt, PreviousRecordedBy = RecordedBy,
            NewCode = code.Code, NewMinutesLate = AttendanceCodes.TakesMinutesLate(code.Code) ? minutesLate : null, NewComment = comment,
            Reason = reason, AmendedAt = at, AmendedBy = by,
        };
        Amendments.Add(amendment);
        Code = code.Code;
        Category = code.Category;
        MinutesLate = amendment.NewMinutesLate;
        Comment = comment;
        RecordedAt = at;
        RecordedBy = by;
        return amendment;
    }
}

/// <summary>One change to a mark: the entry before, the entry after, the reason, when and who (the legal audit trail).</summary>
public sealed class MarkAmendment : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public Guid MarkId { get; init; }
    public Guid PupilId { get; init; }
    public DateOnly Date { get; init; }
    public Session Session { get; init; }
    public required string PreviousCode { get; init; }
    public int? PreviousMinutesLate { get; init; }
    public string? PreviousComment { get; init; }
    public DateTimeOffset PreviousRecordedAt { get; init; }
    public required string PreviousRecordedBy { get; init; }
    public required string NewCode { get; init; }
    public int? NewMinutesLate { get; init; }
    public string? NewComment { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset AmendedAt { get; init; }
    public required string AmendedBy { get; init; }
}

/// <summary>
/// That a group's register for a session has been taken, by whom and when. Its version moves on every save, so two
/// people saving the same register at once are told rather than overwriting each other.
/// </summary>
public sealed class RegisterRecord : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public Guid RegistrationGroupId { get; init; }
    public DateOnly Date { get; init; }
    public Session Session { get; init; }
    public DateTimeOffset FirstTakenAt { get; init; }
    public required string FirstTakenBy { get; init; }
    public DateTimeOffset LastSavedAt { get; set; }
    public required string LastSavedBy { get; set; }
    public int Version { get; set; }
}
