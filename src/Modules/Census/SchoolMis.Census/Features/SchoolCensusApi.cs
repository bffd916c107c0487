using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SchoolMis.Census.Domain;
using SchoolMis.Census.Returns;
using SchoolMis.Census.Validation;
using SchoolMis.Platform.Security;

namespace SchoolMis.Census.Features;

/// <summary>One school's census return and its validation (API.md, Census), and the census page's download.</summary>
public static class SchoolCensusApi
{
    public static IEndpointRouteBuilder MapSchoolCensusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/schools/{school}/census/{year:int}/{term}", DownloadAsync)
            .RequireAuthorization(Policies.ApiCensus).WithTags("Census")
            .WithSummary("The School Census XML for a collection (term AUT, SPR or SUM; year as on census day), named as DfE names it");
        app.MapGet("/api/v1/schools/{school}/census/{year:int}/{term}/validation", ValidateAsync)
            .RequireAuthorization(Policies.ApiCensus).WithTags("Census")
            .WithSummary("The return's errors (must be fixed) and queries (must be explained)");
        // The census page's "Download the return" link: the school office only.
        app.MapGet("/schools/{school}/census/{year:int}/{term}/return", DownloadAsync)
            .RequireAuthorization(Policies.SchoolAdmin).ExcludeFromDescription();
        return app;
    }

    internal static IResult BadCollection() =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown collection",
            detail: "The term is AUT, SPR or SUM and the year is the calendar year of census day, e.g. /census/2027/SPR.");

    private static async Task<IResult> DownloadAsync(int year, string term, CensusReturns census, CancellationToken ct)
    {
        if (!CensusCollection.TryParse(year, term, out var collection))
            return BadCollection();
        var data = await census.ProduceAsync(collection, ct);
        return Results.Stream(stream => CensusWriter.WriteAsync(stream, data, ct), "application/xml", data.FileName);
    }

    internal sealed record ProblemResponse(string Rule, string Message, string? PupilExternalId, string? Upn);

    private static async Task<IResult> ValidateAsync(int year, string term, CensusReturns census, CancellationToken ct)
    {
        if (!CensusCollection.TryParse(year, term, out var collection))
            return BadCollection();
        var (data, validation) = await census.CheckAsync(collection, ct);
        static ProblemResponse Map(CensusProblem p) => new(p.Rule, p.Message, p.Pupil?.ExternalId, p.Pupil?.Upn);
        return TypedResults.Ok(new
        {
            collection = new { year, term = collection.TermCode, censusDay = collection.CensusDay },
            pupilsOnRoll = data.OnRoll.Count,
            pupilsNoLongerOnRoll = data.NoLongerOnRoll.Count,
            errors = validation.Errors.Select(Map),
            queries = validation.Queries.Select(Map),
        });
    }
}
