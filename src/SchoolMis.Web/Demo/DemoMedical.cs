using Mediator;
using SchoolMis.Medical.Data;
using SchoolMis.Medical.Domain;
using SchoolMis.Platform;
using SchoolMis.Pupils.Contracts;

namespace SchoolMis.Web.Demo;

/// <summary>
/// A few medical records for the demo school, so registers and the pupil list show alert markers: a severe allergy
/// and an alert-flagged condition in the demo teacher's group (not its first pupil, whom the attendance journey
/// reads by name), and ordinary needs elsewhere.
/// </summary>
internal static class DemoMedical
{
    public static async Task SeedAsync(IServiceProvider services, TimeProvider clock, string tutorGroup, CancellationToken ct)
    {
        var sender = services.GetRequiredService<ISender>();
        var db = services.GetRequiredService<MedicalDbContext>();
        var groups = await sender.Send(new GetRegistrationGroupsQuery(), ct);
        var groupId = groups.FirstOrDefault(g => g.Code == tutorGroup)?.RegistrationGroupId;
        var pupils = await sender.Send(new GetPupilsOnRollQuery(clock.Today()), ct);
        var inGroup = pupils.Where(p => p.RegistrationGroupId == groupId).ToList();
        var others = pupils.Where(p => p.RegistrationGroupId != groupId).ToList();
        if (inGroup.Count < 5 || others.Count < 3)
            return;

        db.Items.Add(new MedicalItem { PupilId = inGroup[2].PupilId, Kind = MedicalItemKind.Allergy, Description = "Peanuts and tree nuts: anaphylaxis",
            Severity = MedicalSeverity.Severe, Notes = "Two adrenaline pens: one in the class medical bag, one in the office." });
        db.Items.Add(new MedicalItem { PupilId = inGroup[2].PupilId, Kind = MedicalItemKind.Medication, Description = "Adrenaline auto-injector (EpiPen Jr)",
            Dose = "0.15 mg", Timing = "At once if anaphylaxis is suspected; call 999", Storage = "Class medical bag and school office",
            Expiry = clock.Today().AddMonths(7) });
        db.Doctors.Add(new PupilDoctor { PupilId = inGroup[2].PupilId, Name = "Dr R Okafor", Practice = "Whiteladies Health Centre", Phone = "0117 973 1201" });
        db.Items.Add(new MedicalItem { PupilId = inGroup[4].PupilId, Kind = MedicalItemKind.Condition, Description = "Type 1 diabetes",
            Alert = true, Notes = "Checks blood sugar before lunch; hypo kit in the office." });
        db.Items.Add(new MedicalItem { PupilId = others[0].PupilId, Kind = MedicalItemKind.Medication, Description = "Salbutamol inhaler",
            Severity = MedicalSeverity.Mild, Dose = "2 puffs", Timing = "Before PE and when wheezy", Storage = "Classroom medical box" });
        db.Items.Add(new MedicalItem { PupilId = others[1].PupilId, Kind = MedicalItemKind.Dietary, Description = "Vegetarian" });
        db.Items.Add(new MedicalItem { PupilId = others[2].PupilId, Kind = MedicalItemKind.Allergy, Description = "Hay fever", Severity = MedicalSeverity.Mild });
        var now = clock.UkNow();
        db.Events.Add(new MedicalEvent { PupilId = others[0].PupilId, Date = DateOnly.FromDateTime(now).AddDays(-2), Time = new TimeOnly(12, 40),
            Kind = MedicalEventKind.MedicineGiven, Description = "Two puffs of inhaler after football; settled.", GivenBy = "Mrs Shah (lunchtime supervisor)",
            ParentInformed = true, RecordedBy = "system", RecordedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }
}
