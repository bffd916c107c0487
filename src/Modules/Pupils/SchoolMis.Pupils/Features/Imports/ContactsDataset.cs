using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SchoolMis.Platform.Imports;
using SchoolMis.Pupils.Data;
using SchoolMis.Pupils.Domain;

namespace SchoolMis.Pupils.Features.Imports;

/// <summary>The <c>contacts</c> dataset of API.md.</summary>
public sealed record ContactRow(string? ExternalId, string? PupilExternalId, int? Order, string? Title, string? Surname, string? Forename,
    string? Relationship, bool? ParentalResponsibility, IReadOnlyList<ContactRowPhone>? Phones, string? Email, bool? AddressAsPupil);

public sealed record ContactRowPhone(string? Type, string? Number);

internal sealed class ContactRowValidator : AbstractValidator<ContactRow>
{
    public ContactRowValidator()
    {
        RuleFor(r => r.ExternalId).NotEmpty().MaximumLength(100);
        RuleFor(r => r.PupilExternalId).NotEmpty();
        RuleFor(r => r.Order).NotNull().InclusiveBetween(1, 99);
        RuleFor(r => r.Surname).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Forename).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Relationship).NotEmpty().MaximumLength(50);
        RuleFor(r => r.Title).MaximumLength(20);
        RuleFor(r => r.Email).EmailAddress().When(r => !string.IsNullOrEmpty(r.Email)).MaximumLength(200);
        RuleForEach(r => r.Phones).ChildRules(p =>
        {
            p.RuleFor(x => x.Type).NotEmpty().MaximumLength(20);
            p.RuleFor(x => x.Number).NotEmpty().Matches(@"^[0-9 +()-]{6,30}$").WithMessage("A phone number is 6 to 30 digits, spaces, +, ( ) or -.");
        });
    }
}

internal sealed class ContactsDataset(PupilsDbContext db, IValidator<ContactRow> validator) : ImportDataset<ContactRow>(db, validator)
{
    public override string Name => "contacts";

    public override Task<int> CountAsync(CancellationToken cancellationToken) => db.Contacts.CountAsync(cancellationToken);

    protected override string? KeyOf(ContactRow row) => row.ExternalId;

    protected override async Task<IReadOnlyList<RowOutcome?>> UpsertAsync(IReadOnlyList<(int Row, ContactRow Data)> batch,
        List<ImportError> errors, CancellationToken cancellationToken)
    {
        var pupilKeys = batch.Select(b => b.Data.PupilExternalId!).Distinct().ToList();
        var pupils = await db.Pupils.Where(p => p.ExternalId != null && pupilKeys.Contains(p.ExternalId))
            .ToDictionaryAsync(p => p.ExternalId!, p => p.Id, cancellationToken);
        var ids = batch.Select(b => b.Data.ExternalId!).ToList();
        var contacts = await db.Contacts.Where(c => c.ExternalId != null && ids.Contains(c.ExternalId))
            .ToDictionaryAsync(c => c.ExternalId!, cancellationToken);

        var outcomes = new List<RowOutcome?>();
        foreach (var (row, data) in batch)
        {
            if (!pupils.TryGetValue(data.PupilExternalId!, out var pupilId))
            {
                errors.Add(ImportError.UnknownPupil(row, data.ExternalId, data.PupilExternalId));
                outcomes.Add(null);
                continue;
            }
            var phones = (data.Phones ?? []).Select(p => new ContactPhone { Type = p.Type!.Trim(), Number = p.Number!.Trim() }).ToList();
            if (!contacts.TryGetValue(data.ExternalId!, out var contact))
            {
                contact = new Contact { ExternalId = data.ExternalId, Surname = "", Forename = "", Relationship = "" };
                Apply(contact, data, pupilId, phones);
                db.Contacts.Add(contact);
                contacts[data.ExternalId!] = contact;
                outcomes.Add(RowOutcome.Created);
                continue;
            }
            var samePhones = contact.Phones.Select(p => (p.Type, p.Number)).SequenceEqual(phones.Select(p => (p.Type, p.Number)));
            Apply(contact, data, pupilId, samePhones ? contact.Phones : phones);
            db.ChangeTracker.DetectChanges();
            outcomes.Add(db.Entry(contact).State == EntityState.Modified || !samePhones ? RowOutcome.Updated : RowOutcome.Unchanged);
        }
        return outcomes;
    }

    private static void Apply(Contact contact, ContactRow data, Guid pupilId, List<ContactPhone> phones)
    {
        contact.PupilId = pupilId;
        contact.Order = data.Order!.Value;
        contact.Title = string.IsNullOrWhiteSpace(data.Title) ? null : data.Title.Trim();
        contact.Surname = data.Surname!.Trim();
        contact.Forename = data.Forename!.Trim();
        contact.Relationship = data.Relationship!.Trim();
        contact.ParentalResponsibility = data.ParentalResponsibility ?? false;
        contact.Email = string.IsNullOrWhiteSpace(data.Email) ? null : data.Email.Trim();
        contact.AddressAsPupil = data.AddressAsPupil ?? false;
        if (!ReferenceEquals(contact.Phones, phones))
            contact.Phones = phones;
    }
}
