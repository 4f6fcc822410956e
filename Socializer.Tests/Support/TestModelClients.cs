using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Socializer.Core.Assistant;

namespace Socializer.Tests.Support;

/// <summary>Models that misbehave in the ways real ones do, behind the real pipeline.</summary>
public sealed class TestModelClients(Func<IChatClient> create) : IModelClientFactory
{
    public IChatClient Create(string model) => create();

    /// <summary>The server is down: every call fails as a refused connection does.</summary>
    public static TestModelClients Unreachable() => new(() => new DelegatingStub((_, _) => throw new HttpRequestException("Connection refused")));

    /// <summary>The server accepts and never answers.</summary>
    public static TestModelClients Hanging() => new(() => new DelegatingStub(async (_, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    }));

    /// <summary>Fails the first <paramref name="failures"/> calls, then behaves like the offline assistant.</summary>
    public static TestModelClients FailingFirst(int failures)
    {
        var remaining = failures;
        return new(() => new FailFirstClient(() => Interlocked.Decrement(ref remaining) >= 0));
    }

    private sealed class DelegatingStub(Func<IEnumerable<ChatMessage>, CancellationToken, Task<ChatResponse>> respond) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            respond(messages, cancellationToken);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var response = await respond(messages, cancellationToken);
            foreach (var update in response.ToChatResponseUpdates()) yield return update;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
        public void Dispose() { }
    }

    private sealed class FailFirstClient(Func<bool> shouldFail) : DelegatingChatClient(new Socializer.Core.Assistant.Offline.OfflineChatClient())
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            shouldFail() ? throw new HttpRequestException("Connection refused") : base.GetResponseAsync(messages, options, cancellationToken);

        public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            shouldFail() ? throw new HttpRequestException("Connection refused") : base.GetStreamingResponseAsync(messages, options, cancellationToken);
    }
}

/// <summary>Streams the offline answer but pauses after the first piece until released or cancelled, so Stop can be tested.</summary>
public sealed class PausingModelClients : IModelClientFactory
{
    public TaskCompletionSource FirstChunkSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IChatClient Create(string model) => new Pausing(this);

    private sealed class Pausing(PausingModelClients owner) : DelegatingChatClient(new Socializer.Core.Assistant.Offline.OfflineChatClient())
    {
        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var first = true;
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
                if (!first || update.Contents.OfType<FunctionCallContent>().Any()) continue;
                first = false;
                owner.FirstChunkSent.TrySetResult();
                await owner.Release.Task.WaitAsync(cancellationToken);
            }
        }
    }
}
