using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform.Tenancy;
using SchoolMis.Sen.Domain;

namespace SchoolMis.Sen.Data;

public sealed class SenDbContext(DbContextOptions<SenDbContext> options, ITenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<SenProvisionPeriod> Periods => Set<SenProvisionPeriod>();
    public DbSet<SenNote> Notes => Set<SenNote>();

    protected override void BuildModel(ModelBuilder modelBuilder) => modelBuilder.ApplySenModel();
}

/// <summary>The SEN module's tables; also applied by the migrations context.</summary>
public static class SenModel
{
    public const string Schema = "sen";

    public static ModelBuilder ApplySenModel(this ModelBuilder builder)
    {
        builder.Entity<SenProvisionPeriod>(p =>
        {
            p.ToTable("ProvisionPeriods", Schema);
            p.HasKey(x => x.Id);
            p.Property(x => x.Provision).HasMaxLength(1);
            p.Property(x => x.PrimaryNeed).HasMaxLength(4);
            p.Property(x => x.SecondaryNeed).HasMaxLength(4);
            p.Ignore(x => x.Needs);
            p.Ignore(x => x.ReviewDue);
            p.Ignore(x => x.IsOpen);
            p.Ignore(x => x.From);
            p.Ignore(x => x.To);
            // A pupil's history; the register and the census ask for the periods open on a date.
            p.HasIndex(x => new { x.PupilId, x.StartDate });
            p.HasIndex(x => new { x.EndDate, x.Provision });
        });
        builder.Entity<SenNote>(n =>
        {
            n.ToTable("Notes", Schema);
            n.HasKey(x => x.Id);
            n.Property(x => x.Text).HasMaxLength(4000);
            n.Property(x => x.WrittenBy).HasMaxLength(200);
            n.HasIndex(x => new { x.PupilId, x.Date });
        });
        return builder;
    }
}
