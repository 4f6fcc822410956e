using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Socializer.Core.Assistant;
using Socializer.Core.Assistant.Offline;

namespace Socializer.Tests.Browser;

/// <summary>
/// The offline assistant, streamed at a model's pace: a short wait before each piece of text. The offline assistant
/// itself answers in a millisecond, too fast for a person (or a browser test) to press Stop while it streams. Tool
/// calls and answers are exactly the offline ones; only the pace differs.
/// </summary>
public sealed class PacedModelClients(TimeSpan perPiece) : IModelClientFactory
{
    public IChatClient Create(string model) => new Paced(perPiece);

    private sealed class Paced(TimeSpan perPiece) : DelegatingChatClient(new OfflineChatClient())
    {
        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
            ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                if (update.Contents.OfType<TextContent>().Any()) await Task.Delay(perPiece, cancellationToken);
                yield return update;
            }
        }
    }
}
