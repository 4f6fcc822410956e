using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Socializer.Core.Assistant;

/// <summary>
/// The HTTP client every call to the OpenAI-compatible model goes through, with its resilience pipeline:
/// <list type="bullet">
/// <item>a timeout per model round-trip (<c>AI:TimeoutSeconds</c>): a hung model becomes a 504 "took too long", not a hung request;</item>
/// <item>a circuit breaker: when most recent calls failed, further calls fail at once for <c>AI:CircuitBreakSeconds</c>
/// instead of each user waiting out the timeout against a dead model; then one trial call decides whether to close it.</item>
/// </list>
/// No retries, on purpose: a user is waiting, a model call takes seconds and costs tokens, and the user's message is
/// already saved with a Retry button beside the error. A retry would double the wait on a slow or hung model and double the
/// load on an overloaded one; the user (or the API client, told by Retry-After) decides when to try again.
/// </summary>
public static class ModelHttpClient
{
    public const string Name = "Socializer.Model";

    public static IServiceCollection AddModelHttpClient(this IServiceCollection services, AssistantOptions options)
    {
        services.AddHttpClient(Name)
            // The resilience handler's timeout is the one that counts; HttpClient's 100 s default would cut long answers.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("model", pipeline => pipeline
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = options.CircuitMinimumCalls,
                    SamplingDuration = TimeSpan.FromSeconds(60),
                    BreakDuration = TimeSpan.FromSeconds(options.CircuitBreakSeconds),
                })
                .AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds)));
        return services;
    }

    /// <summary>The model did not answer in time: the resilience timeout fired somewhere below.</summary>
    public static bool IsTimeout(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is TimeoutRejectedException) return true;
        return false;
    }

    /// <summary>The breaker is open: the model failed repeatedly just now, so this call was not even tried.</summary>
    public static bool IsCircuitOpen(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is BrokenCircuitException) return true;
        return false;
    }
}
