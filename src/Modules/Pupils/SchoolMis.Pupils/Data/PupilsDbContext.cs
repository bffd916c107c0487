using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform.Tenancy;
using SchoolMis.Pupils.Domain;

namespace SchoolMis.Pupils.Data;

public sealed class PupilsDbContext(DbContextOptions<PupilsDbContext> options, ITenantContext tenant)
    : TenantDbContext(options, tenant)
{
    public DbSet<Pupil> Pupils => Set<Pupil>();
    public DbSet<RegistrationGroup> RegistrationGroups => Set<RegistrationGroup>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<SiblingLink> SiblingLinks => Set<SiblingLink>();
    public DbSet<PupilPhoto> Photos => Set<PupilPhoto>();
    public DbSet<PreviousSchool> PreviousSchools => Set<PreviousSchool>();

    protected override void BuildModel(ModelBuilder modelBuilder) => modelBuilder.ApplyPupilsModel();
}

/// <summary>The Pupils module's tables; also applied by the migrations context.</summary>
public static class PupilsModel
{
    public const string Schema = "pupils";

    public static ModelBuilder ApplyPupilsModel(this ModelBuilder builder)
    {
        builder.Entity<Pupil>(p =>
        {
            p.ToTable("Pupils", Schema);
            p.HasKey(x => x.Id);
            p.Property(x => x.ExternalId).HasMaxLength(100);
            p.Property(x => x.Upn).HasMaxLength(13);
            p.Property(x => x.Uln).HasMaxLength(10);
            p.Property(x => x.Surname).HasMaxLength(100);
            p.Property(x => x.Forename).HasMaxLength(100);
            p.Property(x => x.MiddleNames).HasMaxLength(100);
            p.Property(x => x.PreferredSurname).HasMaxLength(100);
            p.Property(x => x.PreferredForename).HasMaxLength(100);
            p.Property(x => x.FormerSurname).HasMaxLength(100);
            p.Property(x => x.Sex).HasMaxLength(1);
            p.Property(x => x.AdmissionNumber).HasMaxLength(20);
            p.Property(x => x.LeavingReason).HasMaxLength(200);
            p.Property(x => x.EnrolmentStatus).HasMaxLength(1);
            p.Property(x => x.NcYear).HasMaxLength(2);
            p.Property(x => x.Ethnicity).HasMaxLength(4);
            p.Property(x => x.FirstLanguage).HasMaxLength(4);
            p.Property(x => x.Boarder).HasMaxLength(1).HasDefaultValue("N");
            p.Property(x => x.ServiceChild).HasMaxLength(1);
            p.Property(x => x.YoungCarer).HasMaxLength(1);
            p.Ignore(x => x.DisplayName);
            p.OwnsOne(x => x.Address, a =>
            {
                a.Property(x => x.Line1).HasColumnName("AddressLine1").HasMaxLength(100);
                a.Property(x => x.Line2).HasColumnName("AddressLine2").HasMaxLength(100);
                a.Property(x => x.Line3).HasColumnName("AddressLine3").HasMaxLength(100);
                a.Property(x => x.Line4).HasColumnName("AddressLine4").HasMaxLength(100);
                a.Property(x => x.Line5).HasColumnName("AddressLine5").HasMaxLength(100);
                a.Property(x => x.Postcode).HasColumnName("Postcode").HasMaxLength(10);
            });
            p.Navigation(x => x.Address).IsRequired();
            // Uniqueness is per school: TenantModel puts TenantId first in every index.
            p.HasIndex(x => x.AdmissionNumber).IsUnique();
            p.HasIndex(x => x.Upn).IsUnique();
            p.HasIndex(x => x.ExternalId).IsUnique();
            p.HasIndex(x => new { x.Surname, x.Forename });
            p.HasIndex(x => x.RegistrationGroupId);
            p.HasOne<RegistrationGroup>().WithMany().HasForeignKey(x => x.RegistrationGroupId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<RegistrationGroup>(g =>
        {
            g.ToTable("RegistrationGroups", Schema);
            g.HasKey(x => x.Id);
            g.Property(x => x.ExternalId).HasMaxLength(100);
            g.Property(x => x.Code).HasMaxLength(20);
            g.Property(x => x.Name).HasMaxLength(100);
            g.Property(x => x.NcYear).HasMaxLength(2);
            g.Property(x => x.TutorStaffExternalId).HasMaxLength(100);
            g.HasIndex(x => x.Code).IsUnique();
            g.HasIndex(x => x.ExternalId).IsUnique();
            g.HasMany(x => x.Tutors).WithOne().HasForeignKey(t => t.RegistrationGroupId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Contact>(c =>
        {
            c.ToTable("Contacts", Schema);
            c.HasKey(x => x.Id);
            c.Property(x => x.ExternalId).HasMaxLength(100);
            c.Property(x => x.Title).HasMaxLength(20);
            c.Property(x => x.Surname).HasMaxLength(100);
            c.Property(x => x.Forename).HasMaxLength(100);
            c.Property(x => x.Relationship).HasMaxLength(50);
            c.Property(x => x.Email).HasMaxLength(200);
            c.HasIndex(x => x.ExternalId).IsUnique();
            c.HasIndex(x => new { x.PupilId, x.Order });
            c.HasOne<Pupil>().WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Restrict);
            c.OwnsMany(x => x.Phones, p =>
            {
                p.ToTable("ContactPhones", Schema);
                p.WithOwner().HasForeignKey("ContactId");
                p.Property<int>("Id");
                p.HasKey("Id");
                p.Property(x => x.Type).HasMaxLength(20);
                p.Property(x => x.Number).HasMaxLength(30);
            });
        });

        builder.Entity<SiblingLink>(l =>
        {
            l.ToTable("SiblingLinks", Schema);
            l.HasKey(x => new { x.PupilId, x.SiblingExternalId });
            l.Property(x => x.SiblingExternalId).HasMaxLength(100);
            l.HasIndex(x => x.SiblingExternalId);
            l.HasOne<Pupil>().WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PupilPhoto>(p =>
        {
            p.ToTable("PupilPhotos", Schema);
            p.HasKey(x => x.PupilId);
            p.HasOne<Pupil>().WithOne().HasForeignKey<PupilPhoto>(x => x.PupilId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PreviousSchool>(s =>
        {
            s.ToTable("PreviousSchools", Schema);
            s.HasKey(x => x.Id);
            s.Property(x => x.LaCode).HasMaxLength(3);
            s.Property(x => x.Estab).HasMaxLength(4);
            s.Property(x => x.Urn).HasMaxLength(6);
            s.Property(x => x.SchoolName).HasMaxLength(200);
            s.Property(x => x.LeavingReason).HasMaxLength(200);
            s.HasIndex(x => x.PupilId);
            s.HasOne<Pupil>().WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<GroupTutor>(t =>
        {
            t.ToTable("GroupTutors", Schema);
            t.HasKey(x => new { x.RegistrationGroupId, x.UserId });
            t.HasIndex(x => x.UserId);
        });
        return builder;
    }
}
