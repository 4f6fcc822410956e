using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Socializer.Core.Assistant;
using Socializer.Core.Assistant.Offline;

namespace Socializer.Tests.Support;

/// <summary>The offline assistant behind the real pipeline, recording what each model call was shown.</summary>
public sealed class RecordingModelClients : IModelClientFactory
{
    public ConcurrentQueue<IReadOnlyList<ChatMessage>> Calls { get; } = new();

    public IChatClient Create(string model) => new Recording(this);

    private sealed class Recording(RecordingModelClients owner) : DelegatingChatClient(new OfflineChatClient())
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = messages.ToList();
            owner.Calls.Enqueue(list);
            return base.GetResponseAsync(list, options, cancellationToken);
        }
    }
}
