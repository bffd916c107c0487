namespace SchoolMis.Platform.Messaging;

/// <summary>The thing asked for does not exist for this school (or is not visible to the caller).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>
/// A rule of the domain refuses the request (e.g. "admission number 000123 is already used").
/// <see cref="Field"/>, when known, names the input at fault so forms and APIs can show it beside the field.
/// </summary>
public class DomainRuleException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>The request clashes with something that already exists (answers 409 on the API).</summary>
public class ConflictException(string message, string? field = null) : DomainRuleException(message, field);

/// <summary>The caller's copy is out of date (an If-Match that no longer matches): answers 412.</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);
