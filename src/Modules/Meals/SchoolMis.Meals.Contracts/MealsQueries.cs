using Mediator;

namespace SchoolMis.Meals.Contracts;

/// <summary>
/// Whether each pupil took a school lunch on a day (the census item "SchoolLunchTaken", asked on census day for
/// Reception, Year 1 and Year 2). A pupil is listed when the meal register has an entry for them that day: true when
/// the meal type counts as a school lunch (hot or school-provided packed), false otherwise (home packed lunch, none).
/// Pupils with no entry that day are not listed: the register was not taken for them, which the census should flag
/// rather than guess.
/// </summary>
public sealed record GetSchoolLunchTakenQuery(DateOnly Date) : IQuery<IReadOnlyList<PupilSchoolLunch>>;

/// <summary>One pupil's answer for the day.</summary>
public sealed record PupilSchoolLunch(Guid PupilId, bool SchoolLunchTaken);

/// <summary>
/// The free school meal eligibility periods that overlap a date range (inclusive), for the census's FSMperiod items
/// (periods since the previous census, including those that began before the pupil joined). Open periods have no end.
/// Universal Infant FSM is not eligibility and is not listed. FSM detail is sensitive: callers show it only to
/// those allowed (the census, school admins).
/// </summary>
public sealed record GetFsmPeriodsQuery(DateOnly From, DateOnly To) : IQuery<IReadOnlyList<FsmPeriodInfo>>;

/// <param name="UkCountry">ENG, WLS, SCT or NIR: the UK country whose scheme found the pupil eligible.</param>
public sealed record FsmPeriodInfo(Guid PupilId, DateOnly StartDate, DateOnly? EndDate, string UkCountry);

/// <summary>When a pupil's FSM eligibility is next to be reviewed (a CTF's FSMreviewDate); null when none is recorded.</summary>
public sealed record GetFsmReviewDateQuery(Guid PupilId) : IQuery<DateOnly?>;
