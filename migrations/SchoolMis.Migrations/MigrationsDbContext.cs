using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Attendance.Data;
using SchoolMis.Exclusions.Data;
using SchoolMis.Census.Data;
using SchoolMis.Identity.Data;
using SchoolMis.Identity.Domain;
using SchoolMis.Meals.Data;
using SchoolMis.Medical.Data;
using SchoolMis.Platform.Auditing;
using SchoolMis.Platform.Imports;
using SchoolMis.Platform.Tenancy;
using SchoolMis.Pupils.Data;
using SchoolMis.Sen.Data;

namespace SchoolMis.Migrations;

/// <summary>
/// Composes every module's model into one, so each provider has a single migration history. At run time each
/// module uses its own context over its own tables; this context only creates and evolves the schema.
/// A new module adds its Apply...Model() call here.
/// </summary>
[SharedAcrossTenants("Schema only: never used to read or write data.")]
public sealed class MigrationsDbContext(DbContextOptions<MigrationsDbContext> options)
    : IdentityDbContext<SchoolMisUser, IdentityRole<Guid>, Guid>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyIdentityModel();
        builder.ApplyPupilsModel();
        builder.ApplyAttendanceModel();
        builder.ApplySenModel();
        builder.ApplyMealsModel();
        builder.ApplyMedicalModel();
        builder.ApplyExclusionsModel();
        builder.ApplyCensusModel();
        builder.ApplyImportJobsModel();
        builder.ApplyAuditModel();
        TenantModel.ApplyConventions(builder);
    }
}
