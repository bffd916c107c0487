namespace SchoolMis.Platform.Web;

/// <summary>A page of results and the total across all pages.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
