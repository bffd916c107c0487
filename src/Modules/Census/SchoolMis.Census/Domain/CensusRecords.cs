using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Census.Domain;

/// <summary>
/// The latest check of one collection's return: how many errors and queries it had, when and by whom. One row per
/// school and collection, replaced on every check, so the LA's page can show every school's state without
/// re-validating fifty schools on each visit.
/// </summary>
public sealed class CensusCheck : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public int Year { get; init; }
    /// <summary>AUT, SPR or SUM.</summary>
    public required string Term { get; init; }
    public DateTimeOffset CheckedAt { get; set; }
    public string CheckedBy { get; set; } = "";
    public int Errors { get; set; }
    public int Queries { get; set; }
    public int PupilsOnRoll { get; set; }
    public int PupilsNoLongerOnRoll { get; set; }
}

/// <summary>
/// A return file produced for a collection (downloaded by the school, or pulled by its LA). Its serial number is
/// the file name's nnn: DfE's COLLECT expects each new file for a collection to carry a higher one.
/// </summary>
public sealed class CensusReturnFile : ITenantScoped
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TenantId { get; private set; }
    public int Year { get; init; }
    public required string Term { get; init; }
    public int SerialNo { get; init; }
    public required string FileName { get; init; }
    public DateTimeOffset ProducedAt { get; init; }
    public required string ProducedBy { get; init; }
    public int PupilsOnRoll { get; init; }
    public int PupilsNoLongerOnRoll { get; init; }
    /// <summary>Errors the return still had when it was produced (a school may download a return to look at it).</summary>
    public int Errors { get; init; }
    public int Queries { get; init; }
}
