using Microsoft.EntityFrameworkCore;
using SchoolMis.Medical.Domain;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Medical.Data;

public sealed class MedicalDbContext(DbContextOptions<MedicalDbContext> options, ITenantContext tenant)
    : TenantDbContext(options, tenant)
{
    public DbSet<MedicalItem> Items => Set<MedicalItem>();
    public DbSet<PupilDoctor> Doctors => Set<PupilDoctor>();
    public DbSet<MedicalEvent> Events => Set<MedicalEvent>();

    protected override void BuildModel(ModelBuilder modelBuilder) => modelBuilder.ApplyMedicalModel();
}

/// <summary>The Medical module's tables; also applied by the migrations context.</summary>
public static class MedicalModel
{
    public const string Schema = "medical";

    public static ModelBuilder ApplyMedicalModel(this ModelBuilder builder)
    {
        builder.Entity<MedicalItem>(i =>
        {
            i.ToTable("MedicalItems", Schema);
            i.HasKey(x => x.Id);
            i.Property(x => x.ExternalId).HasMaxLength(100);
            // Stored as words so the table reads plainly and survives reordering of the enum.
            i.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            i.Property(x => x.Severity).HasConversion<string>().HasMaxLength(20);
            i.Property(x => x.Description).HasMaxLength(500);
            i.Property(x => x.Notes).HasMaxLength(2000);
            i.Property(x => x.Dose).HasMaxLength(200);
            i.Property(x => x.Timing).HasMaxLength(200);
            i.Property(x => x.Storage).HasMaxLength(200);
            i.Ignore(x => x.RaisesAlert);
            i.HasIndex(x => x.PupilId);
            // Unique per school (TenantId leads every index); items entered here have none.
            i.HasIndex(x => x.ExternalId).IsUnique();
        });
        builder.Entity<PupilDoctor>(d =>
        {
            d.ToTable("Doctors", Schema);
            d.HasKey(x => x.Id);
            d.Property(x => x.Name).HasMaxLength(200);
            d.Property(x => x.Practice).HasMaxLength(200);
            d.Property(x => x.Phone).HasMaxLength(30);
            d.HasIndex(x => x.PupilId).IsUnique();
        });
        builder.Entity<MedicalEvent>(e =>
        {
            e.ToTable("Events", Schema);
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Description).HasMaxLength(1000);
            e.Property(x => x.GivenBy).HasMaxLength(200);
            e.Property(x => x.RecordedBy).HasMaxLength(200);
            e.HasIndex(x => new { x.PupilId, x.Date });
        });
        return builder;
    }
}
