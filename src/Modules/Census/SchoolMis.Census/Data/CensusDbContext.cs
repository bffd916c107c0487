using Microsoft.EntityFrameworkCore;
using SchoolMis.Census.Domain;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Census.Data;

public sealed class CensusDbContext(DbContextOptions<CensusDbContext> options, ITenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<CensusCheck> Checks => Set<CensusCheck>();
    public DbSet<CensusReturnFile> ReturnFiles => Set<CensusReturnFile>();

    protected override void BuildModel(ModelBuilder modelBuilder) => modelBuilder.ApplyCensusModel();
}

/// <summary>The Census module's tables; also applied by the migrations context.</summary>
public static class CensusModel
{
    public const string Schema = "census";

    public static ModelBuilder ApplyCensusModel(this ModelBuilder builder)
    {
        builder.Entity<CensusCheck>(e =>
        {
            e.ToTable("Checks", Schema);
            e.HasKey(x => x.Id);
            e.Property(x => x.Term).HasMaxLength(3);
            e.Property(x => x.CheckedBy).HasMaxLength(300);
            e.HasIndex(x => new { x.Year, x.Term }).IsUnique();
        });
        builder.Entity<CensusReturnFile>(e =>
        {
            e.ToTable("ReturnFiles", Schema);
            e.HasKey(x => x.Id);
            e.Property(x => x.Term).HasMaxLength(3);
            e.Property(x => x.FileName).HasMaxLength(60);
            e.Property(x => x.ProducedBy).HasMaxLength(300);
            e.HasIndex(x => new { x.Year, x.Term, x.SerialNo }).IsUnique();
        });
        return builder;
    }
}
