using System.Globalization;
using SchoolMis.Platform.Identifiers;

namespace SchoolMis.Benchmarks;

internal sealed record GroupSource(string ExternalId, string Code, string Name, string NcYear);

internal sealed record PupilSource(int Serial, string ExternalId, string Upn, string Surname, string Forename, string? MiddleNames,
    string? PreferredForename, DateOnly DateOfBirth, string Sex, string AdmissionNumber, DateOnly AdmissionDate, string NcYear, GroupSource Group,
    string Ethnicity, string FirstLanguage, string Line1, string Line2, string Postcode, IReadOnlyList<string> Siblings,
    double AbsenceRate);

internal sealed record ContactSource(string ExternalId, PupilSource Pupil, int Order, string Title, string Surname, string Forename,
    string Relationship, bool ParentalResponsibility, IReadOnlyList<(string Type, string Number)> Phones, string? Email, bool AddressAsPupil);

/// <summary>One attendance mark as the previous MIS exports it.</summary>
internal readonly record struct MarkSource(PupilSource Pupil, DateOnly Date, int Session, string Code, int? MinutesLate, string? Comment)
{
    public string SessionName => Session == 1 ? "AM" : "PM";
}

/// <summary>A term of the source school's calendar: its school days (weekdays outside the half-term week).</summary>
internal sealed record SourceTerm(string Name, IReadOnlyList<DateOnly> Days);

/// <summary>
/// A secondary school as its previous MIS would export it for migration: registration groups (years 7 to 11), pupils
/// with valid UPNs, two contacts each, and three academic years of AM/PM attendance marks (2023/24 under the codes in
/// force before 19 August 2024, then two years under the 2024 set), with a plausible code mix. Everything is made from
/// fixed seeds, so the app and the raw baseline see exactly the same rows; marks are made on the fly, term by term.
/// </summary>
internal sealed class MigrationSchool
{
    public static readonly int[] AcademicYears = [2023, 2024, 2025];

    private MigrationSchool(IReadOnlyList<GroupSource> groups, IReadOnlyList<PupilSource> pupils, IReadOnlyList<ContactSource> contacts,
        IReadOnlyList<SourceTerm> terms)
    {
        Groups = groups;
        Pupils = pupils;
        Contacts = contacts;
        Terms = terms;
    }

    public IReadOnlyList<GroupSource> Groups { get; }
    public IReadOnlyList<PupilSource> Pupils { get; }
    public IReadOnlyList<ContactSource> Contacts { get; }
    public IReadOnlyList<SourceTerm> Terms { get; }

    public long MarkCount => Terms.Sum(t => (long)t.Days.Count) * 2 * Pupils.Count;

    private static readonly string[] Surnames =
        ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans",
         "Walker", "White", "Roberts", "Green", "Hall", "Khan", "Wood", "Jackson", "Clarke", "Hughes", "Edwards", "Okoro", "Nowak", "Ahmed",
         "O'Brien", "Begum", "Mensah"];
    private static readonly string[] Girls = ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Freya", "Lily", "Aisha", "Zofia", "Grace", "Ella", "Maryam"];
    private static readonly string[] Boys = ["Oliver", "George", "Noah", "Arthur", "Leo", "Muhammad", "Harry", "Oscar", "Jakub", "Kwame", "Jack", "Theo"];
    private static readonly string[] Ethnicities = ["WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WIRI", "WOTH", "AIND", "APKN", "BAFR", "BCRB", "MWBC", "CHNE"];
    private static readonly string[] Languages = ["ENG", "ENG", "ENG", "ENG", "ENG", "ENG", "POL", "URD", "SOM", "ENG"];
    private static readonly string[] Streets = ["High Street", "Station Road", "Church Lane", "Mill Road", "Victoria Road", "Park Avenue", "Green Lane"];

    public static MigrationSchool Make(int pupilCount, string laCode, string estab, bool oneTermPerYear = false)
    {
        var random = new Random(2026);
        const int years = 5; // NC years 7 to 11
        var perYear = (pupilCount + years - 1) / years;
        var groupsPerYear = Math.Max(1, (perYear + 27) / 28);
        var groups = new List<GroupSource>();
        for (var y = 7; y <= 11; y++)
        {
            for (var g = 0; g < groupsPerYear; g++)
            {
                var code = string.Create(CultureInfo.InvariantCulture, $"{y}{(char)('A' + g)}");
                groups.Add(new GroupSource($"RG-{code}", code, $"Year {y} {(char)('A' + g)}", y.ToString(CultureInfo.InvariantCulture)));
            }
        }

        var pupils = new List<PupilSource>(pupilCount);
        for (var serial = 1; serial <= pupilCount; serial++)
        {
            var index = serial - 1;
            var ncYear = 7 + index % years;
            var group = groups[(ncYear - 7) * groupsPerYear + index / years % groupsPerYear];
            // UPN: LA, establishment, the two-digit year of allocation, a serial; the check letter in front.
            var rest = string.Create(CultureInfo.InvariantCulture, $"{laCode}{estab}{10 + serial / 1000:00}{serial % 1000:000}");
            var girl = random.Next(2) == 0;
            // In 2026/27 Year 7 were born September 2014 to August 2015; each year above a year earlier.
            var born = new DateOnly(2014 - (ncYear - 7), 9, 1).AddDays(random.Next(365));
            var roll = random.NextDouble();
            var absence = roll < 0.70 ? 0.02 + random.NextDouble() * 0.04 : roll < 0.90 ? 0.06 + random.NextDouble() * 0.04 : 0.10 + random.NextDouble() * 0.15;
            pupils.Add(new PupilSource(serial, $"P{serial:000000}", Upn.CheckLetter(rest) + rest,
                Surnames[random.Next(Surnames.Length)], girl ? Girls[random.Next(Girls.Length)] : Boys[random.Next(Boys.Length)],
                random.Next(4) == 0 ? (girl ? Girls : Boys)[random.Next(12)] : null, random.Next(10) == 0 ? "Sam" : null,
                born, girl ? "F" : "M", (100000 + serial).ToString(CultureInfo.InvariantCulture), new DateOnly(2023, 9, 4),
                ncYear.ToString(CultureInfo.InvariantCulture), group, Ethnicities[random.Next(Ethnicities.Length)], Languages[random.Next(Languages.Length)],
                string.Create(CultureInfo.InvariantCulture, $"{1 + random.Next(200)} {Streets[random.Next(Streets.Length)]}"), "Bristol",
                string.Create(CultureInfo.InvariantCulture, $"BS{1 + random.Next(16)} {random.Next(10)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}"),
                [], absence));
        }
        // One pupil in eight has a sibling at the school: pairs link to each other.
        for (var i = 0; i + 1 < pupils.Count; i += 8)
        {
            pupils[i] = pupils[i] with { Siblings = [pupils[i + 1].ExternalId] };
            pupils[i + 1] = pupils[i + 1] with { Siblings = [pupils[i].ExternalId] };
        }

        var contacts = new List<ContactSource>(pupilCount * 2);
        var serialContact = 0;
        foreach (var pupil in pupils)
        {
            for (var order = 1; order <= 2; order++)
            {
                serialContact++;
                var mother = order == 1;
                var forename = mother ? Girls[random.Next(Girls.Length)] : Boys[random.Next(Boys.Length)];
                var phones = new List<(string, string)>
                {
                    ("Mobile", string.Create(CultureInfo.InvariantCulture, $"07{random.Next(100, 999)} {random.Next(100000, 999999)}")),
                };
                if (random.Next(3) == 0)
                    phones.Add(("Work", string.Create(CultureInfo.InvariantCulture, $"0117 {random.Next(100, 999)} {random.Next(1000, 9999)}")));
                contacts.Add(new ContactSource($"C{serialContact:0000000}", pupil, order, mother ? "Mrs" : "Mr", pupil.Surname, forename,
                    mother ? "Mother" : "Father", true, phones,
                    random.Next(4) == 0 ? null : $"{forename.ToLowerInvariant()}.{serialContact}@example.org", random.Next(5) != 0));
            }
        }

        var terms = AcademicYears.SelectMany(TermsOf).Where((_, i) => !oneTermPerYear || i % 3 == 0).ToList();
        return new MigrationSchool(groups, pupils, contacts, terms);
    }

    /// <summary>Typical English term dates (the benchmark's school calendar), as school days per term.</summary>
    private static IEnumerable<SourceTerm> TermsOf(int year)
    {
        static DateOnly Weekday(int y, int m, int d, DayOfWeek day)
        {
            var date = new DateOnly(y, m, d);
            while (date.DayOfWeek != day)
                date = date.AddDays(1);
            return date;
        }
        static SourceTerm Term(string name, DateOnly start, DateOnly end, DateOnly halfTerm)
        {
            var days = new List<DateOnly>();
            for (var d = start; d <= end; d = d.AddDays(1))
            {
                if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || (d >= halfTerm && d < halfTerm.AddDays(5)))
                    continue;
                days.Add(d);
            }
            return new SourceTerm(name, days);
        }
        var label = string.Create(CultureInfo.InvariantCulture, $"{year}/{(year + 1) % 100:00}");
        yield return Term($"Autumn {label}", Weekday(year, 9, 2, DayOfWeek.Monday), new DateOnly(year, 12, 19), Weekday(year, 10, 23, DayOfWeek.Monday));
        yield return Term($"Spring {label}", Weekday(year + 1, 1, 3, DayOfWeek.Monday), Weekday(year + 1, 3, 27, DayOfWeek.Friday), Weekday(year + 1, 2, 12, DayOfWeek.Monday));
        yield return Term($"Summer {label}", Weekday(year + 1, 4, 13, DayOfWeek.Monday), new DateOnly(year + 1, 7, 21), Weekday(year + 1, 5, 25, DayOfWeek.Monday));
    }

    /// <summary>
    /// A term's marks in register order (day, session, group, pupil), the same every time for the same term. Each pupil
    /// has an absence rate (most pupils rarely absent, one in ten persistently); an illness in the morning usually lasts
    /// the afternoon; some arrive late; the codes are those in force on the date (H, J and Y before 19 August 2024).
    /// </summary>
    public IEnumerable<MarkSource> MarksOf(int termIndex)
    {
        var term = Terms[termIndex];
        var random = new Random(1000 + termIndex);
        var ill = new bool[Pupils.Count + 1];
        var byGroup = Pupils.GroupBy(p => p.Group).OrderBy(g => g.Key.Code, StringComparer.Ordinal).ToList();
        foreach (var date in term.Days)
        {
            var legacy = date < new DateOnly(2024, 8, 19);
            for (var session = 1; session <= 2; session++)
            {
                foreach (var group in byGroup)
                {
                    foreach (var pupil in group)
                    {
                        if (session == 2 && ill[pupil.Serial] && random.Next(10) < 8)
                        {
                            yield return new MarkSource(pupil, date, 2, "I", null, null);
                            continue;
                        }
                        ill[pupil.Serial] = false;
                        var roll = random.NextDouble();
                        if (roll < pupil.AbsenceRate)
                        {
                            var (code, comment) = Absence(random, legacy);
                            ill[pupil.Serial] = code == "I" && session == 1;
                            yield return new MarkSource(pupil, date, session, code, null, comment);
                        }
                        else if (roll < pupil.AbsenceRate + 0.04)
                            yield return new MarkSource(pupil, date, session, "L", 2 + random.Next(25), null);
                        else if (roll < pupil.AbsenceRate + 0.045)
                            yield return new MarkSource(pupil, date, session, "U", 31 + random.Next(40), "Arrived after registers closed");
                        else if (roll < pupil.AbsenceRate + 0.06)
                            yield return new MarkSource(pupil, date, session, ApprovedActivity(random, legacy), null, null);
                        else
                            yield return new MarkSource(pupil, date, session, session == 1 ? "/" : "\\", null, null);
                    }
                }
            }
        }
    }

    private static (string Code, string? Comment) Absence(Random random, bool legacy)
    {
        var r = random.Next(100);
        return r switch
        {
            < 45 => ("I", null),
            < 53 => ("M", random.Next(3) == 0 ? "Dental appointment" : null),
            < 63 => ("O", null),
            < 70 => ("G", null),
            < 74 => (legacy ? "H" : "C", legacy ? "Agreed family holiday" : "Exceptional circumstances"),
            < 78 => ("N", null),
            < 81 => ("R", null),
            < 83 => ("E", null),
            < 86 => ("C", null),
            < 89 => (legacy ? "Y" : "Y" + (1 + random.Next(7)).ToString(CultureInfo.InvariantCulture), null),
            < 91 => (legacy ? "J" : "J1", null),
            < 93 => ("S", null),
            < 95 => ("T", null),
            < 97 => (legacy ? "F" : "C2", null),
            _ => (legacy ? "X" : "Q", null),
        };
    }

    private static string ApprovedActivity(Random random, bool legacy) => random.Next(5) switch
    {
        0 => "V",
        1 => "P",
        2 => "B",
        3 => legacy ? "W" : "K",
        _ => "D",
    };
}
