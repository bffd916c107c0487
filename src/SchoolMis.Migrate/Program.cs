using SchoolMis.Migrate;

// schoolmis-migrate --url https://schoolmis.example --school st-marys --folder ./export [--dry-run]
// The client id and secret come from SCHOOLMIS_CLIENT_ID and SCHOOLMIS_CLIENT_SECRET (never the command line,
// where they would stay in shell history).
string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

var url = Arg("--url");
var school = Arg("--school");
var folder = Arg("--folder");
var dryRun = args.Contains("--dry-run");
var clientId = Environment.GetEnvironmentVariable("SCHOOLMIS_CLIENT_ID");
var secret = Environment.GetEnvironmentVariable("SCHOOLMIS_CLIENT_SECRET");
if (url is null || school is null || folder is null || clientId is null || secret is null)
{
    Console.Error.WriteLine("usage: schoolmis-migrate --url URL --school SLUG --folder DIR [--dry-run]");
    Console.Error.WriteLine("       with SCHOOLMIS_CLIENT_ID and SCHOOLMIS_CLIENT_SECRET set (a client with scope schoolmis.import).");
    return 2;
}

using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(30) };
try
{
    var token = await MigrationRunner.TokenAsync(http, clientId, secret, CancellationToken.None);
    http.DefaultRequestHeaders.Authorization = new("Bearer", token);
    var results = await new MigrationRunner(http, school, Console.Out).RunAsync(folder, dryRun, CancellationToken.None);
    return results.All(r => r.Succeeded) ? 0 : 1;
}
catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
