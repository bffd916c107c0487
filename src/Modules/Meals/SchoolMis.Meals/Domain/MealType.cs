using SchoolMis.Platform.Auditing;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Meals.Domain;

/// <summary>
/// One of the school's meal types (hot school lunch, school packed lunch, home packed lunch, none ...). Meal types are
/// the school's own; the census only needs to know whether each counts as a school lunch taken (NOTES.md section 8:
/// school-provided packed lunches count, home packed lunches do not).
/// </summary>
[Audited]
public sealed class MealType : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    /// <summary>The short code the register and imports use (e.g. HOT, SPL, HPL, NONE).</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public bool CountsAsSchoolLunch { get; private set; }
    /// <summary>Retired types stay for history but are no longer offered on the register.</summary>
    public bool Active { get; private set; } = true;
    public int SortOrder { get; private set; }

    public static MealType Create(string code, string name, bool countsAsSchoolLunch, int sortOrder) => new()
    {
        Code = code, Name = name, CountsAsSchoolLunch = countsAsSchoolLunch, SortOrder = sortOrder,
    };

    public bool Matches(string name, bool countsAsSchoolLunch, bool active) =>
        Name == name && CountsAsSchoolLunch == countsAsSchoolLunch && Active == active;

    public void Change(string name, bool countsAsSchoolLunch, bool active)
    {
        Name = name;
        CountsAsSchoolLunch = countsAsSchoolLunch;
        Active = active;
    }

    /// <summary>The usual set a school starts from.</summary>
    public static IReadOnlyList<(string Code, string Name, bool SchoolLunch)> Standard { get; } =
    [
        ("HOT", "Hot school lunch", true),
        ("SPL", "School packed lunch", true),
        ("HPL", "Home packed lunch", false),
        ("NONE", "No lunch", false),
    ];
}
