using System.Globalization;
using System.Text.Json;
using SchoolMis.Platform.Imports;
using SchoolMis.Platform.Imports.Ctf;

namespace SchoolMis.Pupils.Features.Imports.Ctf;

/// <summary>
/// A CTF's contacts, through the <c>contacts</c> dataset: each is known as the pupil's contact of that order, so a
/// second import of the same file changes nothing and a changed contact updates.
/// </summary>
internal sealed class CtfContactsSection(ContactsDataset dataset) : ICtfSection
{
    public static readonly string[] Reads =
    [
        "Contacts/Contact/Order", "Contacts/Contact/Title", "Contacts/Contact/Surname", "Contacts/Contact/Forename",
        "Contacts/Contact/Relationship", "Contacts/Contact/Responsibility", "Contacts/Contact/Phones", "Contacts/Contact/Email",
        "Contacts/Contact/AddressAsPupil",
    ];

    private static readonly Dictionary<string, string> Elements = new(StringComparer.OrdinalIgnoreCase)
    {
        ["order"] = "Contacts/Contact/Order", ["title"] = "Contacts/Contact/Title", ["surname"] = "Contacts/Contact/Surname",
        ["forename"] = "Contacts/Contact/Forename", ["relationship"] = "Contacts/Contact/Relationship",
        ["parentalResponsibility"] = "Contacts/Contact/Responsibility", ["email"] = "Contacts/Contact/Email",
        ["addressAsPupil"] = "Contacts/Contact/AddressAsPupil",
    };

    public string Name => "contacts";

    public int Order => 10;

    public async Task<ImportReport> ImportAsync(IAsyncEnumerable<CtfPupil> pupils, CtfImportContext context, bool dryRun, CancellationToken cancellationToken)
    {
        var rows = pupils.SelectMany(pupil => RowsOf(pupil, context).ToAsyncEnumerable());
        var report = await dataset.ImportAsync(rows, dryRun, cancellationToken);
        return report with
        {
            Dataset = Name,
            Errors = [.. report.Errors.Select(e => e with { Field = e.Field.StartsWith("phones", StringComparison.OrdinalIgnoreCase)
                ? "Contacts/Contact/Phones/Phone" : Elements.GetValueOrDefault(e.Field, e.Field) })],
        };
    }

    private static IEnumerable<RawRow> RowsOf(CtfPupil pupil, CtfImportContext context)
    {
        if (pupil.Upn is not { } upn || !context.PupilKeys.TryGetValue(upn, out var pupilKey))
            yield break;
        var position = 0;
        foreach (var contact in pupil.Element.Element("Contacts")?.Elements("Contact") ?? [])
        {
            position++;
            var order = CtfFile.Text(contact, "Order");
            yield return CtfImportContext.Row(pupil, new
            {
                externalId = $"{pupilKey}/contact/{order ?? position.ToString(CultureInfo.InvariantCulture)}",
                pupilExternalId = pupilKey,
                order = Number(order),
                title = CtfFile.Text(contact, "Title"),
                surname = CtfFile.Text(contact, "Surname"),
                forename = CtfFile.Text(contact, "Forename"),
                relationship = CtfFile.Text(contact, "Relationship"),
                parentalResponsibility = Flag(CtfFile.Text(contact, "Responsibility")),
                phones = contact.Element("Phones")?.Elements("Phone")
                    .Select(p => new { type = CtfFile.Text(p, "TelephoneType"), number = CtfFile.Text(p, "PhoneNo") }).ToList(),
                email = CtfFile.Text(contact, "Email"),
                addressAsPupil = Flag(CtfFile.Text(contact, "AddressAsPupil")),
            });
        }
    }

    // Numbers and flags go to the dataset as JSON numbers and booleans when they are ones, otherwise as the text
    // itself, so that the dataset's type check names the field. XML booleans are true/false or 1/0.
    private static JsonElement? Number(string? text) => text is null ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? JsonSerializer.SerializeToElement(n) : JsonSerializer.SerializeToElement(text);

    private static JsonElement? Flag(string? text) => text switch
    {
        null => null,
        "true" or "1" => JsonSerializer.SerializeToElement(true),
        "false" or "0" => JsonSerializer.SerializeToElement(false),
        _ => JsonSerializer.SerializeToElement(text),
    };
}
