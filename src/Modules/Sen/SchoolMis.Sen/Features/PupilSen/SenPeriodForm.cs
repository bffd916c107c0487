using FluentValidation;
using FluentValidation.Results;
using SchoolMis.Sen.Domain;

namespace SchoolMis.Sen.Features.PupilSen;

/// <summary>The provision form: needs as a primary and a secondary choice, as a school office thinks of them.</summary>
public sealed class SenPeriodForm
{
    public string? Provision { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? PrimaryNeed { get; set; }
    public string? SecondaryNeed { get; set; }
    public DateOnly? PlanIssueDate { get; set; }
    public DateOnly? PlanLastReviewDate { get; set; }
    public DateOnly? PlanReviewDue { get; set; }
    public bool SenUnit { get; set; }
    public bool ResourcedProvision { get; set; }

    public static SenPeriodForm From(SenPeriodView p) => new()
    {
        Provision = p.Provision, StartDate = p.StartDate, EndDate = p.EndDate,
        PrimaryNeed = p.Needs.FirstOrDefault(n => n.Rank == 1).Type, SecondaryNeed = p.Needs.FirstOrDefault(n => n.Rank == 2).Type,
        PlanIssueDate = p.PlanIssueDate, PlanLastReviewDate = p.PlanLastReviewDate, PlanReviewDue = p.PlanReviewDueOverride,
        SenUnit = p.SenUnit, ResourcedProvision = p.ResourcedProvision,
    };

    public IReadOnlyList<NeedInput> Needs =>
        [.. new[] { (PrimaryNeed, 1), (SecondaryNeed, 2) }.Where(n => !string.IsNullOrEmpty(n.Item1)).Select(n => new NeedInput(n.Item1, n.Item2))];

    public SaveSenPeriodCommand ToCommand(Guid pupilId, Guid? periodId) =>
        new(pupilId, periodId, Provision, StartDate, EndDate, Needs, PlanIssueDate, PlanLastReviewDate, PlanReviewDue, SenUnit, ResourcedProvision);

    /// <summary>The command's refusal with each need failure put on the primary or secondary field it came from.</summary>
    public Exception OnFields(Exception exception)
    {
        if (exception is not ValidationException validation)
            return exception;
        var needs = Needs;
        return new ValidationException(validation.Errors.Select(f =>
        {
            var name = f.PropertyName;
            if (name.StartsWith("Needs[", StringComparison.Ordinal) && int.TryParse(name[6..name.IndexOf(']')], out var i) && i < needs.Count)
                name = needs[i].Rank == 2 ? nameof(SecondaryNeed) : nameof(PrimaryNeed);
            else if (name == "Needs")
                name = nameof(PrimaryNeed);
            return new ValidationFailure(name, f.ErrorMessage);
        }));
    }
}

public sealed class SenNoteForm
{
    public DateOnly? Date { get; set; }
    public string? Text { get; set; }
}
