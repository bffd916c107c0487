namespace SchoolMis.Platform.Security;

/// <summary>The four kinds of browser user. A user has one role; school and LA membership is held separately.</summary>
public static class Roles
{
    public const string PlatformAdmin = "PlatformAdmin";
    public const string SchoolAdmin = "SchoolAdmin";
    public const string Teacher = "Teacher";
    public const string LaOfficer = "LaOfficer";

    public static readonly IReadOnlyList<string> All = [PlatformAdmin, SchoolAdmin, Teacher, LaOfficer];

    public static string Describe(string role) => role switch
    {
        PlatformAdmin => "Platform administrator",
        SchoolAdmin => "School administrator",
        Teacher => "Teacher",
        LaOfficer => "Local authority officer",
        _ => role,
    };
}

/// <summary>Claims that carry what a user or API client may reach, in cookies and access tokens alike.</summary>
public static class SchoolMisClaims
{
    /// <summary>The id of a school the caller belongs to (one claim per school).</summary>
    public const string School = "schoolmis_school";

    /// <summary>The 3-digit code of the LA the caller acts for: every school of that LA.</summary>
    public const string La = "schoolmis_la";

    public const string DisplayName = "schoolmis_name";

    /// <summary>Present while a user still signs in with the one-time password they were given.</summary>
    public const string MustChangePassword = "schoolmis_must_change_password";
}

/// <summary>OAuth scopes of the external API (API.md).</summary>
public static class Scopes
{
    public const string Import = "schoolmis.import";
    public const string Read = "schoolmis.read";
    public const string Census = "schoolmis.census";
    public const string Platform = "schoolmis.platform";

    public static readonly IReadOnlyList<string> All = [Import, Read, Census, Platform];
}
