using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Identity.Domain;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Identity.Data;

[SharedAcrossTenants("The school register, users and API clients are the platform's own records: they decide which schools a caller reaches.")]
public sealed class IdentityDataContext(DbContextOptions<IdentityDataContext> options)
    : IdentityDbContext<SchoolMisUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<School> Schools => Set<School>();
    public DbSet<SchoolMembership> SchoolMemberships => Set<SchoolMembership>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyIdentityModel();
    }
}

/// <summary>The Identity module's tables; also applied by the migrations context, which composes every module.</summary>
public static class IdentityModel
{
    public const string Schema = "identity";

    /// <summary>Call after IdentityDbContext's own OnModelCreating.</summary>
    public static ModelBuilder ApplyIdentityModel(this ModelBuilder builder)
    {
        builder.Entity<SchoolMisUser>(u =>
        {
            u.ToTable("Users", Schema);
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.Property(x => x.LaCode).HasMaxLength(3);
            u.HasMany(x => x.Schools).WithOne().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<IdentityRole<Guid>>().ToTable("Roles", Schema);
        builder.Entity<IdentityUserRole<Guid>>().ToTable("UserRoles", Schema);
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("UserClaims", Schema);
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("UserLogins", Schema);
        builder.Entity<IdentityUserToken<Guid>>().ToTable("UserTokens", Schema);
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("RoleClaims", Schema);

        builder.Entity<School>(s =>
        {
            s.ToTable("Schools", Schema);
            s.HasKey(x => x.Id);
            s.Property(x => x.Slug).HasMaxLength(40);
            s.Property(x => x.Name).HasMaxLength(200);
            s.Property(x => x.LaCode).HasMaxLength(3);
            s.Property(x => x.Estab).HasMaxLength(4);
            s.Property(x => x.Urn).HasMaxLength(7);
            s.Property(x => x.Phase).HasMaxLength(2);
            s.HasIndex(x => x.Slug).IsUnique();
            s.HasIndex(x => new { x.LaCode, x.Estab }).IsUnique();
        });
        builder.Entity<SchoolMembership>(m =>
        {
            m.ToTable("SchoolMemberships", Schema);
            m.HasKey(x => new { x.UserId, x.SchoolId });
            m.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.UseOpenIddict();
        return builder;
    }
}
