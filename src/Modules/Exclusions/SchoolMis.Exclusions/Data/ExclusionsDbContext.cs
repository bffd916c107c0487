using Microsoft.EntityFrameworkCore;
using SchoolMis.Exclusions.Domain;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Exclusions.Data;

public sealed class ExclusionsDbContext(DbContextOptions<ExclusionsDbContext> options, ITenantContext tenant)
    : TenantDbContext(options, tenant)
{
    public DbSet<Exclusion> Exclusions => Set<Exclusion>();

    protected override void BuildModel(ModelBuilder modelBuilder) => modelBuilder.ApplyExclusionsModel();
}

/// <summary>The Exclusions module's tables; also applied by the migrations context.</summary>
public static class ExclusionsModel
{
    public const string Schema = "exclusions";

    public static ModelBuilder ApplyExclusionsModel(this ModelBuilder builder)
    {
        builder.Entity<Exclusion>(e =>
        {
            e.ToTable("Exclusions", Schema);
            e.HasKey(x => x.Id);
            e.Property(x => x.ExternalId).HasMaxLength(100);
            e.Property(x => x.Category).HasMaxLength(4);
            e.Property(x => x.Reason1).HasMaxLength(2);
            e.Property(x => x.Reason2).HasMaxLength(2);
            e.Property(x => x.Reason3).HasMaxLength(2);
            e.Property(x => x.Notes).HasMaxLength(2000);
            e.Ignore(x => x.Reasons);
            // A pupil's history, and the school's list by academic year (TenantModel puts TenantId first).
            e.HasIndex(x => new { x.PupilId, x.StartDate });
            e.HasIndex(x => x.StartDate);
            e.HasIndex(x => x.ExternalId).IsUnique();
        });
        return builder;
    }
}
