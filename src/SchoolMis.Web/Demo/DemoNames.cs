namespace SchoolMis.Web.Demo;

/// <summary>Names, backgrounds and streets for the demo school: a mix a Bristol primary might have.</summary>
internal static class DemoNames
{
    public static readonly string[] Girls =
    [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Willow",
        "Freya", "Florence", "Emily", "Ella", "Poppy", "Evie", "Elsie", "Charlotte", "Aisha", "Maryam", "Zainab",
        "Hafsa", "Amara", "Chloe", "Zofia", "Maja", "Priya", "Anaya", "Niamh", "Erin", "Imogen", "Harriet", "Matilda",
    ];

    public static readonly string[] Boys =
    [
        "Noah", "Oliver", "George", "Leo", "Arthur", "Muhammad", "Harry", "Oscar", "Archie", "Henry", "Theodore",
        "Jack", "Charlie", "Freddie", "Alfie", "Finley", "Thomas", "William", "Jacob", "Isaac", "Yusuf", "Ibrahim",
        "Kofi", "Tobi", "Jakub", "Filip", "Arjun", "Rohan", "Callum", "Rhys", "Dylan", "Samuel", "Joseph", "Ethan",
    ];

    public static readonly string[] Surnames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Hughes",
        "Edwards", "Turner", "Hussain", "Khan", "Ahmed", "Ali", "Begum", "Mensah", "Okafor", "Adeyemi", "Nowak",
        "Kowalski", "Sharma", "Singh", "O'Brien", "Murphy", "Price", "Morgan", "Bennett", "Carter", "Shaw", "Lloyd",
        "Harris-Bell", "Fletcher", "Mitchell", "Cooper", "Ward", "Hill",
    ];

    /// <summary>DfE ethnicity and first-language codes, weighted towards the most common.</summary>
    public static readonly (string Ethnicity, string Language)[] Backgrounds =
    [
        ("WBRI", "ENG"), ("WBRI", "ENG"), ("WBRI", "ENG"), ("WBRI", "ENG"), ("WBRI", "ENG"), ("WBRI", "ENG"),
        ("WBRI", "ENG"), ("WBRI", "ENG"), ("WOTH", "POL"), ("WOTH", "ENG"), ("MWBC", "ENG"), ("MWBA", "ENG"),
        ("APKN", "URD"), ("APKN", "ENG"), ("AIND", "GUJ"), ("AIND", "ENG"), ("ABAN", "BNG"), ("BSOM", "SOM"),
        ("BAFR", "ENG"), ("BCRB", "ENG"), ("CHNE", "CHI"), ("WIRI", "ENG"),
    ];

    public static readonly (string Street, string Postcode)[] Streets =
    [
        ("Gloucester Road", "BS7 8AE"), ("Ashley Down Road", "BS7 9JN"), ("Cheltenham Road", "BS6 5RH"),
        ("Fishponds Road", "BS5 6SB"), ("Stapleton Road", "BS5 0QX"), ("Wells Road", "BS4 2AG"),
        ("North Street", "BS3 1HA"), ("Whiteladies Road", "BS8 2PH"), ("Filton Avenue", "BS7 0AQ"),
        ("Church Road", "BS5 9JJ"), ("Coronation Road", "BS3 1RN"), ("Muller Road", "BS7 9RE"),
    ];

    public static string ShortName(string forename) => forename switch
    {
        "Isabella" => "Bella", "Charlotte" => "Lottie", "Florence" => "Flo", "Matilda" => "Tilly", "Theodore" => "Teddy",
        "William" => "Will", "Thomas" => "Tom", "Samuel" => "Sam", "Joseph" => "Joe", "Harriet" => "Hattie",
        _ => forename,
    };
}
