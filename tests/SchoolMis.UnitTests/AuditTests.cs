using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform.Auditing;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.UnitTests;

/// <summary>The audit trail kept by every school-data context for [Audited] records, on a real (in-memory) SQLite database.</summary>
public sealed class AuditTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly TenantInfo _school = new(Guid.NewGuid(), "a", "A", "801", "2001", "100001", "PS", SchoolStatus.Active);
    private readonly TenantInfo _other = new(Guid.NewGuid(), "b", "B", "801", "2002", "100002", "PS", SchoolStatus.Active);

    public AuditTests()
    {
        _connection.Open();
        using var db = Context(_school);
        db.Database.EnsureCreated();
    }

    public void Dispose() => _connection.Dispose();

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private RecordsContext Context(TenantInfo school) =>
        new(new DbContextOptionsBuilder<RecordsContext>().UseSqlite(_connection).Options, new Tenant(school));

    [Fact]
    public async Task Each_change_to_an_audited_record_is_kept_with_its_old_and_new_values_and_unaudited_records_are_not()
    {
        var id = Guid.NewGuid();
        await using (var db = Context(_school))
        {
            db.Add(new Allergy { Id = id, Description = "Peanuts", Severity = "moderate", Since = new DateOnly(2024, 9, 1) });
            db.Add(new Note { Id = Guid.NewGuid(), Text = "not audited" });
            await db.SaveChangesAsync(Ct);
        }
        await using (var db = Context(_school))
        {
            var allergy = await db.Set<Allergy>().SingleAsync(Ct);
            allergy.Severity = "severe";
            await db.SaveChangesAsync(Ct);
            await db.SaveChangesAsync(Ct); // nothing changed: nothing recorded
            db.Remove(allergy);
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = Context(_school))
        {
            var trail = await db.AuditTrailAsync<Allergy>([id], Ct);
            trail.Select(t => t.Action).ShouldBe(["Added", "Modified", "Deleted"]);
            trail[0].Changes["Description"].ShouldBe(new AuditChange(null, "Peanuts"));
            trail[0].Changes["Since"].ShouldBe(new AuditChange(null, "2024-09-01"));
            trail[0].Changes.ShouldNotContainKey("TenantId");
            trail[1].Changes.Keys.ShouldBe(["Severity"]);
            trail[1].Changes["Severity"].ShouldBe(new AuditChange("moderate", "severe"));
            trail[2].Changes["Description"].ShouldBe(new AuditChange("Peanuts", null));
            trail.ShouldAllBe(t => t.ChangedBy == "system" && t.EntityType == "Allergy");
            (await db.Set<AuditEntry>().CountAsync(Ct)).ShouldBe(3);
        }
        // The trail is school data like the record: another school sees none of it.
        await using (var other = Context(_other))
            (await other.AuditTrailAsync<Allergy>([id], Ct)).ShouldBeEmpty();
    }

    private sealed class Tenant(TenantInfo school) : ITenantContext
    {
        public bool IsResolved => true;
        public TenantInfo Current => school;
        public Guid? TenantId => school.Id;
    }

    [Audited]
    private sealed class Allergy : ITenantScoped
    {
        public Guid Id { get; set; }
        public Guid TenantId { get; set; }
        public required string Description { get; set; }
        public required string Severity { get; set; }
        public DateOnly Since { get; set; }
    }

    private sealed class Note : ITenantScoped
    {
        public Guid Id { get; set; }
        public Guid TenantId { get; set; }
        public required string Text { get; set; }
    }

    private sealed class RecordsContext(DbContextOptions<RecordsContext> options, ITenantContext tenant) : TenantDbContext(options, tenant)
    {
        protected override void BuildModel(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Allergy>().ToTable("Allergies");
            modelBuilder.Entity<Note>().ToTable("Notes");
        }
    }
}
