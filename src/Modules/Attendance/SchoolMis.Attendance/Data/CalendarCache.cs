using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SchoolMis.Attendance.Domain;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Attendance.Data;

/// <summary>
/// The school's whole calendar (a few years, a few dozen terms and days), cached for a minute: every register save
/// asks whether its day is a school day and when its register closes, at the same few minutes every morning.
/// Changes to the calendar evict it at once on this server; other servers see them within the minute.
/// </summary>
public sealed class CalendarCache(IMemoryCache cache, ITenantContext tenant)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public async Task<CalendarView> GetAsync(AttendanceDbContext db, CancellationToken ct) =>
        (await cache.GetOrCreateAsync(("calendar", tenant.Current.Id), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            var years = await db.AcademicYears.AsNoTracking().ToListAsync(ct);
            var terms = await db.Terms.AsNoTracking().ToListAsync(ct);
            var closed = await db.NonSchoolDays.AsNoTracking().Select(d => d.Date).ToListAsync(ct);
            return new CalendarView(years, terms, closed);
        }))!;

    public void Evict() => cache.Remove(("calendar", tenant.Current.Id));
}
