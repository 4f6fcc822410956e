using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Socializer.Core.Health;
using Socializer.Core.Health.SelfTest;
using Socializer.Web.Hosting;

namespace Socializer.Web.Api;

public sealed record LeakDrillRequest(int? Seconds, bool? HoldTransaction);

public sealed record SelfTestRequest(int? Count);

/// <summary>Admin-only API (bearer token of an Admin): pool health, the self-test and the leak drill.</summary>
public static class AdminEndpoints
{
    public static void MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin")
            .DisableCookieRedirect()
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .RequireAuthorization(ApiEndpoints.ApiAdminPolicy);

        // Both names: the issue says pool-health, the team's curl checks say health.
        admin.MapGet("/pool-health", Snapshot);
        admin.MapGet("/health", Snapshot);
        admin.MapGet("/pool-health/history", (HealthSampler sampler) => TypedResults.Ok(sampler.History()));
        admin.MapPost("/self-test", RunSelfTestAsync);
        admin.MapPost("/drills/leak", LeakAsync);
        admin.MapPost("/drills/release", ReleaseAsync);
    }

    /// <summary>Leaves out the context this request's own bearer-token check holds until the response is sent.</summary>
    private static Ok<PoolHealthSnapshot> Snapshot(PoolHealthMonitor monitor, RequestContextRegistry ownContexts) =>
        TypedResults.Ok(monitor.Snapshot(ownContexts.Ids));

    private static async Task<Results<Ok<SelfTestResult>, ValidationProblem, ProblemHttpResult>> RunSelfTestAsync(
        SelfTestRequest? request, SelfTestRunner runner, CancellationToken ct)
    {
        var count = request?.Count ?? 100;
        if (count is < 1 or > SelfTestRunner.MaxConcurrency)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["count"] = [$"Count must be 1 to {SelfTestRunner.MaxConcurrency}."] });
        var result = await runner.RunAsync(count, ct);
        return result is null
            ? TypedResults.Problem("A load check is already running.", statusCode: StatusCodes.Status409Conflict)
            : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<DrillLeak>, ValidationProblem, NotFound>> LeakAsync(
        LeakDrillRequest request, DrillAvailability drills, LeakDrill drill, CancellationToken ct)
    {
        if (!drills.Enabled) return TypedResults.NotFound();
        if (request.Seconds is not { } seconds || seconds is < 1 or > LeakDrill.MaxSeconds)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["seconds"] = [$"Seconds must be 1 to {LeakDrill.MaxSeconds}."] });
        var leak = request.HoldTransaction == false
            ? await drill.LeakContextAsync(seconds, ct)
            : await drill.LeakTransactionAsync(seconds, ct);
        return TypedResults.Ok(leak);
    }

    private static async Task<Results<Ok<int>, NotFound>> ReleaseAsync(DrillAvailability drills, LeakDrill drill) =>
        drills.Enabled ? TypedResults.Ok(await drill.ReleaseAllAsync()) : TypedResults.NotFound();
}
