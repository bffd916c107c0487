using Mediator;

namespace SchoolMis.Medical.Contracts;

/// <summary>
/// Which of these pupils carry a medical alert, for the marker every member of staff sees on registers and pupil
/// lists. Ask once per page with every pupil shown, not once per pupil.
/// </summary>
public sealed record GetMedicalAlertsQuery(IReadOnlyCollection<Guid> PupilIds) : IQuery<IReadOnlyList<MedicalAlert>>;

/// <param name="PupilId">The pupil with an alert (pupils without one are not in the answer).</param>
/// <param name="Label">
/// A short label safe to show to any teacher, e.g. "Severe allergy" or "Medical condition": never the description,
/// medication or notes, which stay behind the medical record's role check.
/// </param>
public sealed record MedicalAlert(Guid PupilId, string Label);
