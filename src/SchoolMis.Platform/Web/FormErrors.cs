using FluentValidation;
using Microsoft.AspNetCore.Components.Forms;
using SchoolMis.Platform.Messaging;

namespace SchoolMis.Platform.Web;

/// <summary>
/// Shows a use case's refusal inline on a server-rendered form: validation failures and domain rules that name a
/// field go beside that field; the rest becomes the form's summary. The form model's property names match the
/// command's, so "Details.Upn" lands on the form's Upn field.
/// </summary>
public sealed class FormErrors(EditContext editContext)
{
    private readonly ValidationMessageStore _store = new(editContext);

    /// <summary>A message not tied to one field, shown at the top of the form.</summary>
    public string? Summary { get; private set; }

    public bool HasErrors { get; private set; }

    public void Clear()
    {
        _store.Clear();
        Summary = null;
        HasErrors = false;
    }

    /// <summary>Records the exception on the form if it is a refusal; returns false for anything else (rethrow it).</summary>
    public bool TryAdd(Exception exception)
    {
        switch (exception)
        {
            case ValidationException validation:
                foreach (var failure in validation.Errors)
                    Add(failure.PropertyName, failure.ErrorMessage);
                Summary ??= "Please correct the fields marked below. Nothing was saved.";
                return true;
            case DomainRuleException rule when rule.Field is not null:
                Add(rule.Field, rule.Message);
                Summary ??= "Please correct the fields marked below. Nothing was saved.";
                return true;
            case DomainRuleException rule:
                Summary = rule.Message;
                HasErrors = true;
                return true;
            default:
                return false;
        }
    }

    private void Add(string propertyName, string message)
    {
        var field = propertyName.Contains('.') ? propertyName[(propertyName.LastIndexOf('.') + 1)..] : propertyName;
        var bracket = field.IndexOf('[');
        if (bracket >= 0)
            field = field[..bracket];
        _store.Add(editContext.Field(field), message);
        HasErrors = true;
        editContext.NotifyValidationStateChanged();
    }
}
