using Microsoft.Extensions.AI;

namespace Socializer.Tests.Support;

/// <summary>A model double that answers every request with the next scripted text (or throws), and records the prompts.</summary>
public sealed class ScriptedChatClient(string modelId, params Func<string>[] answers) : IChatClient
{
    private int next;
    public List<string> Prompts { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Prompts.Add(string.Join("\n", messages.Select(m => m.Text)));
        var text = answers[Math.Min(next++, answers.Length - 1)]();
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { ModelId = modelId });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The coaching evaluator does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
