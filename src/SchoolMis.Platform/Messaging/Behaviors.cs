using System.Diagnostics;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Platform.Messaging;

/// <summary>
/// Marks a use case that acts on the platform (schools, users, API clients) rather than inside one school, so
/// <see cref="TenantGuardBehavior{TMessage,TResponse}"/> lets it run with no school resolved.
/// </summary>
public interface IPlatformMessage;

/// <summary>
/// Logs which use case ran, for which school, and how long it took. Never the message itself: it carries
/// children's personal data.
/// </summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger, ITenantContext tenant)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            logger.LogDebug("{UseCase} for school {TenantId} took {ElapsedMs:F1} ms",
                typeof(TMessage).Name, tenant.TenantId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}

/// <summary>School use cases refuse to run without a school: background code must use <see cref="TenantScopeFactory"/>.</summary>
public sealed class TenantGuardBehavior<TMessage, TResponse>(ITenantContext tenant)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IPlatformMessage && !tenant.IsResolved)
            throw new InvalidOperationException($"{typeof(TMessage).Name} needs a school, and none is resolved.");
        return next(message, cancellationToken);
    }
}

/// <summary>Runs every FluentValidation validator of the message; failures become one <see cref="ValidationException"/>.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0)
            throw new ValidationException(failures);
        return await next(message, cancellationToken);
    }
}
