using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Socializer.Core.Assistant;

/// <summary>
/// One chat pipeline per model (function invocation with bounded iterations, OpenTelemetry, logging), built once
/// and shared: the pipeline holds no user state, tools arrive per request in <see cref="ChatOptions.Tools"/>.
/// No response cache: tools read live data, and a cached answer would go stale.
/// </summary>
public sealed class AssistantChatClients(AssistantOptions options, IModelClientFactory modelClients, ILoggerFactory loggerFactory, IServiceProvider services) : IDisposable
{
    public const string TelemetrySource = "Socializer.Assistant";
    private readonly ConcurrentDictionary<string, Lazy<IChatClient>> pipelines = new(StringComparer.Ordinal);

    public AssistantOptions Options => options;

    /// <summary>The pipeline for <paramref name="model"/> (null: the operator's default).</summary>
    public IChatClient For(string? model)
    {
        var resolved = options.ResolveModel(model);
        return pipelines.GetOrAdd(resolved, m => new Lazy<IChatClient>(() => Build(m))).Value;
    }

    private IChatClient Build(string model) =>
        new ChatClientBuilder(modelClients.Create(model))
            .UseFunctionInvocation(loggerFactory, f =>
            {
                f.MaximumIterationsPerRequest = options.MaxToolIterations;
                f.IncludeDetailedErrors = false;
            })
            .UseOpenTelemetry(loggerFactory, TelemetrySource)
            .UseLogging(loggerFactory)
            .Build(services);

    public void Dispose()
    {
        foreach (var pipeline in pipelines.Values.Where(p => p.IsValueCreated)) pipeline.Value.Dispose();
        pipelines.Clear();
    }
}
