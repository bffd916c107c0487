using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using SchoolMis.Platform.Messaging;

namespace SchoolMis.Platform.Web;

/// <summary>
/// The one place where use-case exceptions become HTTP answers (RFC 9457). Unknown exceptions get a bare 500 with
/// no detail: messages may hold personal data and stack traces never leave the server.
/// </summary>
public sealed class ProblemDetailsExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        IResult? result = exception switch
        {
            ValidationException v => Results.ValidationProblem(ErrorMap(v.Errors), title: "The request has invalid fields.",
                detail: "See errors for the fields to correct; nothing was saved."),
            PreconditionFailedException p => Results.Problem(statusCode: 412, title: "Precondition Failed", detail: p.Message),
            NotFoundException n => Results.Problem(statusCode: 404, title: "Not Found", detail: n.Message),
            ConflictException c => Results.Problem(statusCode: 409, title: "Conflict", detail: c.Message,
                extensions: FieldExtension(c.Field, c.Message)),
            DomainRuleException d => Results.Problem(statusCode: 422, title: "Unprocessable", detail: d.Message,
                extensions: FieldExtension(d.Field, d.Message)),
            BadHttpRequestException b => Results.Problem(statusCode: b.StatusCode, title: "Bad Request",
                detail: "The request body could not be read. Check that it is well-formed JSON of the documented shape."),
            // API callers get a bare 500 problem (the trace id is added by the framework); pages get the error page.
            _ when httpContext.Request.Path.StartsWithSegments("/api") => Results.Problem(statusCode: 500, title: "Internal Server Error",
                detail: "Something went wrong on the server and nothing was saved. Quote the traceId if you report it."),
            _ => null,
        };
        if (result is null)
            return false;
        await result.ExecuteAsync(httpContext);
        return true;
    }

    public static Dictionary<string, string[]> ErrorMap(IEnumerable<FluentValidation.Results.ValidationFailure> failures) =>
        failures.GroupBy(f => JsonPath(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());

    /// <summary>"Details.Upn" becomes "details.upn"; "Marks[3].Code" becomes "marks[3].code".</summary>
    public static string JsonPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    private static Dictionary<string, object?>? FieldExtension(string? field, string message) =>
        field is null ? null : new() { ["errors"] = new Dictionary<string, string[]> { [JsonPath(field)] = [message] } };
}
