using Socializer.Core.Assistant;

namespace Socializer.Web.Hosting;

public static class GracefulShutdown
{
    /// <summary>
    /// On SIGTERM (docker stop, Kubernetes) Kestrel stops accepting connections at once and waits for the requests in
    /// flight. The longest legitimate request is an assistant answer (AI:TimeoutSeconds), so the host waits that long
    /// plus a margin before cutting anything; <c>Hosting:ShutdownTimeoutSeconds</c> overrides it. Give the orchestrator's
    /// grace period (terminationGracePeriodSeconds) at least as much, or it SIGKILLs first: harmless for the data
    /// (every write is one SQLite transaction) but the cut requests get no answer.
    /// </summary>
    public static IServiceCollection AddSocializerGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        var aiTimeout = configuration.GetValue($"{AssistantOptions.Section}:{nameof(AssistantOptions.TimeoutSeconds)}", new AssistantOptions().TimeoutSeconds);
        var seconds = configuration.GetValue<int?>("Hosting:ShutdownTimeoutSeconds") ?? aiTimeout + 10;
        return services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(seconds));
    }
}
