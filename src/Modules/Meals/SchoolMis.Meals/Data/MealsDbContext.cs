using Microsoft.EntityFrameworkCore;
using SchoolMis.Meals.Domain;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Meals.Data;

public sealed class MealsDbContext(DbContextOptions<MealsDbContext> options, ITenantContext tenant)
    : TenantDbContext(options, tenant)
{
    public DbSet<MealType> MealTypes => Set<MealType>();
    public DbSet<MealRecord> Meals => Set<MealRecord>();
    public DbSet<FsmPeriod> FsmPeriods => Set<FsmPeriod>();
    public DbSet<FsmReview> FsmReviews => Set<FsmReview>();

    protected override void BuildModel(ModelBuilder modelBuilder) => modelBuilder.ApplyMealsModel();
}

/// <summary>The Meals module's tables; also applied by the migrations context.</summary>
public static class MealsModel
{
    public const string Schema = "meals";

    public static ModelBuilder ApplyMealsModel(this ModelBuilder builder)
    {
        builder.Entity<MealType>(t =>
        {
            t.ToTable("MealTypes", Schema);
            t.HasKey(x => x.Id);
            t.Property(x => x.Code).HasMaxLength(10);
            t.Property(x => x.Name).HasMaxLength(60);
            t.HasIndex(x => x.Code).IsUnique();
        });
        builder.Entity<MealRecord>(m =>
        {
            m.ToTable("MealRecords", Schema);
            m.HasKey(x => x.Id);
            m.Property(x => x.RecordedBy).HasMaxLength(200);
            // One entry per pupil per day (TenantModel puts TenantId first); the kitchen's numbers read a day.
            m.HasIndex(x => new { x.PupilId, x.Date }).IsUnique();
            m.HasIndex(x => new { x.Date, x.RegistrationGroupId });
            m.HasOne<MealType>().WithMany().HasForeignKey(x => x.MealTypeId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<FsmPeriod>(p =>
        {
            p.ToTable("FsmPeriods", Schema);
            p.HasKey(x => x.Id);
            p.Property(x => x.UkCountry).HasMaxLength(3);
            p.Property(x => x.RecordedBy).HasMaxLength(200);
            p.HasIndex(x => new { x.PupilId, x.StartDate }).IsUnique();
            p.HasIndex(x => new { x.StartDate, x.EndDate });
        });
        builder.Entity<FsmReview>(r =>
        {
            r.ToTable("FsmReviews", Schema);
            r.HasKey(x => x.Id);
            r.HasIndex(x => x.PupilId).IsUnique();
        });
        return builder;
    }
}
