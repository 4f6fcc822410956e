namespace Socializer.Core.Assistant;

public enum AiProvider { Offline, OpenAICompatible }

/// <summary>The <c>AI</c> configuration section: which model answers, where it lives, and the models users may pick.</summary>
public sealed class AssistantOptions
{
    public const string Section = "AI";
    public const string OfflineModelName = "offline";

    public AiProvider Provider { get; set; } = AiProvider.Offline;

    /// <summary>An OpenAI-compatible base address, e.g. http://localhost:11434/v1 for Ollama.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The default model; users may choose another from <see cref="Models"/>.</summary>
    public string? Model { get; set; }

    /// <summary>Local servers ignore it, but the OpenAI client requires one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The models the operator offers users (the default model is always offered).</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>How many model round-trips with tool calls one answer may take.</summary>
    public int MaxToolIterations { get; set; } = 5;

    /// <summary>How long one answer may take before the user gets a "the model is slow" error.</summary>
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>How long calls to the model fail at once after most recent calls failed (see ModelHttpClient).</summary>
    public int CircuitBreakSeconds { get; set; } = 30;

    /// <summary>How many calls within a minute the circuit breaker needs to see before it may open.</summary>
    public int CircuitMinimumCalls { get; set; } = 4;

    /// <summary>Per user, for the HTTP API.</summary>
    public int RequestsPerMinutePerUser { get; set; } = 300;

    public bool IsOffline => Provider == AiProvider.Offline;

    public string DefaultModel => IsOffline ? OfflineModelName : (string.IsNullOrWhiteSpace(Model) ? "default" : Model.Trim());

    /// <summary>Every model a user may choose, the default first.</summary>
    public IReadOnlyList<string> OfferedModels =>
        IsOffline ? [OfflineModelName]
                  : [.. new[] { DefaultModel }.Concat(Models.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim())).Distinct(StringComparer.Ordinal)];

    /// <summary>The user's choice if the operator still offers it, otherwise the default.</summary>
    public string ResolveModel(string? preferred) =>
        preferred is not null && OfferedModels.Contains(preferred, StringComparer.Ordinal) ? preferred : DefaultModel;

    public void Validate()
    {
        if (Provider == AiProvider.OpenAICompatible && !Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
            throw new InvalidOperationException("AI:Provider is OpenAICompatible but AI:Endpoint is not an absolute URL (e.g. http://localhost:11434/v1).");
        if (MaxToolIterations is < 1 or > 20) throw new InvalidOperationException("AI:MaxToolIterations must be between 1 and 20.");
        if (TimeoutSeconds is < 1 or > 600) throw new InvalidOperationException("AI:TimeoutSeconds must be between 1 and 600.");
        if (CircuitBreakSeconds is < 1 or > 3600) throw new InvalidOperationException("AI:CircuitBreakSeconds must be between 1 and 3600.");
        if (CircuitMinimumCalls is < 2 or > 1000) throw new InvalidOperationException("AI:CircuitMinimumCalls must be between 2 and 1000.");
    }
}
