using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Domain;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Attendance.Data;

public sealed class AttendanceDbContext(DbContextOptions<AttendanceDbContext> options, ITenantContext tenant)
    : TenantDbContext(options, tenant)
{
    public DbSet<AttendanceMark> Marks => Set<AttendanceMark>();
    public DbSet<MarkAmendment> Amendments => Set<MarkAmendment>();
    public DbSet<RegisterRecord> Registers => Set<RegisterRecord>();
    public DbSet<AcademicYear> AcademicYears => Set<AcademicYear>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<NonSchoolDay> NonSchoolDays => Set<NonSchoolDay>();

    protected override void BuildModel(ModelBuilder modelBuilder) => modelBuilder.ApplyAttendanceModel();
}

/// <summary>The Attendance module's tables; also applied by the migrations context.</summary>
public static class AttendanceModel
{
    public const string Schema = "attendance";

    public static ModelBuilder ApplyAttendanceModel(this ModelBuilder builder)
    {
        builder.Entity<AttendanceMark>(m =>
        {
            m.ToTable("AttendanceMarks", Schema);
            m.HasKey(x => x.Id);
            m.Property(x => x.Code).HasMaxLength(2);
            m.Property(x => x.Comment).HasMaxLength(200);
            m.Property(x => x.RecordedBy).HasMaxLength(200);
            // One mark per pupil per session (TenantModel puts TenantId first).
            m.HasIndex(x => new { x.PupilId, x.Date, x.Session }).IsUnique();
            // A register's marks; and statistics over a date range, answered from the index alone.
            m.HasIndex(x => new { x.Date, x.RegistrationGroupId, x.Session });
            m.HasIndex(x => new { x.Date, x.PupilId, x.Category });
            m.HasMany(x => x.Amendments).WithOne().HasForeignKey(a => a.MarkId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<MarkAmendment>(a =>
        {
            a.ToTable("MarkAmendments", Schema);
            a.HasKey(x => x.Id);
            a.Property(x => x.PreviousCode).HasMaxLength(2);
            a.Property(x => x.NewCode).HasMaxLength(2);
            a.Property(x => x.PreviousComment).HasMaxLength(200);
            a.Property(x => x.NewComment).HasMaxLength(200);
            a.Property(x => x.PreviousRecordedBy).HasMaxLength(200);
            a.Property(x => x.AmendedBy).HasMaxLength(200);
            a.Property(x => x.Reason).HasMaxLength(500);
            a.HasIndex(x => new { x.PupilId, x.Date });
        });
        builder.Entity<RegisterRecord>(r =>
        {
            r.ToTable("Registers", Schema);
            r.HasKey(x => x.Id);
            r.Property(x => x.FirstTakenBy).HasMaxLength(200);
            r.Property(x => x.LastSavedBy).HasMaxLength(200);
            r.Property(x => x.Version).IsConcurrencyToken();
            r.HasIndex(x => new { x.RegistrationGroupId, x.Date, x.Session }).IsUnique();
            r.HasIndex(x => x.Date);
        });
        builder.Entity<AcademicYear>(y =>
        {
            y.ToTable("AcademicYears", Schema);
            y.HasKey(x => x.Id);
            y.Property(x => x.Name).HasMaxLength(20);
            y.HasIndex(x => x.StartDate).IsUnique();
            y.HasMany(x => x.Terms).WithOne().HasForeignKey(t => t.AcademicYearId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Term>(t =>
        {
            t.ToTable("Terms", Schema);
            t.HasKey(x => x.Id);
            t.Property(x => x.Name).HasMaxLength(50);
            t.HasIndex(x => x.StartDate);
        });
        builder.Entity<NonSchoolDay>(d =>
        {
            d.ToTable("NonSchoolDays", Schema);
            d.HasKey(x => x.Id);
            d.Property(x => x.Description).HasMaxLength(100);
            d.HasIndex(x => x.Date).IsUnique();
        });
        return builder;
    }
}

/// <summary>Loads the calendar for a span of dates.</summary>
public static class CalendarLoader
{
    public static async Task<CalendarView> LoadAsync(this AttendanceDbContext db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var years = await db.AcademicYears.AsNoTracking().Where(y => y.StartDate <= to && y.EndDate >= from).ToListAsync(ct);
        var terms = await db.Terms.AsNoTracking().Where(t => t.StartDate <= to && t.EndDate >= from).ToListAsync(ct);
        var closed = await db.NonSchoolDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).Select(d => d.Date).ToListAsync(ct);
        return new CalendarView(years, terms, closed);
    }
}
