using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Socializer.Core.Assistant.Offline;

/// <summary>
/// The built-in assistant used when no model is configured: no weights, deterministic and fast. It reads the
/// user's last message, and for a request it understands it answers with a real <see cref="FunctionCallContent"/>,
/// exactly as a model would; the function-invocation layer runs the user-bound tool and calls back with the
/// <see cref="FunctionResultContent"/>, from which this client composes the answer.
/// </summary>
public sealed class OfflineChatClient : IChatClient
{
    public const string ModelName = AssistantOptions.OfflineModelName;

    public const string WhatIAm =
        "I'm the **offline assistant** built into Socializer: I have no language model, so I understand only a fixed set of requests. " +
        "For open conversation, the operator connects a model: set `AI:Provider` to `OpenAICompatible` with `AI:Endpoint` " +
        "(for a local Ollama, `http://localhost:11434/v1`) and `AI:Model` (see the README). Then choose it under Settings.";

    public const string HelpText =
        "Here is what I can do offline:\n\n" +
        "- **Remember** something: \"remember that my favourite food is paella\", \"my name is Ana\"\n" +
        "- **Recall** it: \"what is my favourite food?\", \"what do you know about me?\", \"who am I?\"\n" +
        "- **Forget** it: \"forget my favourite food\" (everything: Profile → Memory)\n" +
        "- **Settings**: \"set my temperature to 0.3\", \"set my language to Spanish\"\n" +
        "- **Our last talk**: \"what did we talk about last time?\"\n" +
        "- **Skills and training**: \"what are my skills?\", \"my training plan\"\n" +
        "- **Life events**: \"I got a new job today\", \"log a life event: moved to Madrid\", \"show my timeline\", \"delete life event 3\"\n" +
        "- **Translate**: \"translate 'good morning' to Spanish\"; \"stop translating\" / \"start translating again\" for room messages\n" +
        "- **Feedback**: \"evaluate my last messages\", \"is this kind: ...\"\n\n";

    private readonly ChatClientMetadata metadata = new("socializer-offline", null, ModelName);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var history = messages as IList<ChatMessage> ?? [.. messages];
        var reply = history.Count > 0 && history[^1].Role == ChatRole.Tool
            ? new ChatMessage(ChatRole.Assistant, ComposeFromToolResults(history))
            : Respond(history, options);
        return Task.FromResult(new ChatResponse(reply)
        {
            ModelId = ModelName,
            ResponseId = $"offline-{history.Count}",
            FinishReason = reply.Contents.OfType<FunctionCallContent>().Any() ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
        });
    }

    /// <summary>Streams the same answer as <see cref="GetResponseAsync"/>: tool calls whole, text a few words at a time.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        var message = response.Messages[0];
        var messageId = $"{response.ResponseId}-m";
        var calls = message.Contents.OfType<FunctionCallContent>().ToList();
        if (calls.Count > 0)
        {
            yield return Update(response, messageId, [.. calls]);
            yield break;
        }
        foreach (var chunk in Chunks(message.Text, wordsPerChunk: 4))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Update(response, messageId, [new TextContent(chunk)]);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(ChatClientMetadata) ? metadata
        : null;

    public void Dispose() { }

    private static ChatMessage Respond(IList<ChatMessage> history, ChatOptions? options)
    {
        var userText = history.LastOrDefault(m => m.Role == ChatRole.User)?.Text;
        var intent = OfflineIntentParser.Parse(userText);
        switch (intent.Kind)
        {
            case OfflineIntentKind.Tool:
                if (options?.Tools?.Any(t => t.Name == intent.Tool) != true)
                    return new ChatMessage(ChatRole.Assistant, $"I understood that you want me to use **{intent.Tool}**, but that tool isn't available here.");
                var callId = $"offline-{intent.Tool}-{history.Count}";
                return new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, intent.Tool!, intent.Arguments!.ToDictionary())]);
            case OfflineIntentKind.Greeting:
                return new ChatMessage(ChatRole.Assistant, "Hello! " + WhatIAm + "\n\n" + HelpText + "What would you like to do?");
            case OfflineIntentKind.Help:
                return new ChatMessage(ChatRole.Assistant, HelpText + WhatIAm);
            case OfflineIntentKind.ForgetEverything:
                return new ChatMessage(ChatRole.Assistant,
                    "To forget everything at once, open **Profile → Memory** and choose *Forget everything*: it asks you to confirm first. " +
                    "To forget one thing, tell me, e.g. \"forget my favourite food\".");
            default:
                return new ChatMessage(ChatRole.Assistant, "Sorry, I didn't understand that. " + WhatIAm + "\n\n" + HelpText.TrimEnd());
        }
    }

    private static string ComposeFromToolResults(IList<ChatMessage> history)
    {
        // The tool messages after the last assistant turn hold this round's results.
        var results = history.Reverse().TakeWhile(m => m.Role == ChatRole.Tool).Reverse()
            .SelectMany(m => m.Contents.OfType<FunctionResultContent>())
            .Select(ResultText)
            .Where(t => t.Length > 0)
            .ToList();
        return results.Count == 0 ? "The tool ran but returned nothing." : string.Join("\n\n", results);
    }

    // A property pattern: the sync-over-async check cannot tell this Result property from a Task's.
    private static string ResultText(FunctionResultContent content) => content is { Result: var result } ? Text(result) : "";

    private static string Text(object? result) => result switch
    {
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        JsonElement e => e.GetRawText(),
        _ => result.ToString() ?? "",
    };

    private static ChatResponseUpdate Update(ChatResponse response, string messageId, IList<AIContent> contents) =>
        new(ChatRole.Assistant, contents)
        {
            MessageId = messageId,
            ResponseId = response.ResponseId,
            ModelId = ModelName,
            FinishReason = response.FinishReason,
        };

    private static IEnumerable<string> Chunks(string text, int wordsPerChunk)
    {
        var chunk = new StringBuilder();
        var words = 0;
        foreach (var c in text)
        {
            chunk.Append(c);
            if (c == ' ' && ++words == wordsPerChunk)
            {
                yield return chunk.ToString();
                chunk.Clear();
                words = 0;
            }
        }
        if (chunk.Length > 0) yield return chunk.ToString();
    }
}
