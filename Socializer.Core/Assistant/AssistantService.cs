using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Socializer.Core.Accounts;
using Socializer.Core.Health;

namespace Socializer.Core.Assistant;

/// <summary>
/// A user's message, saved, waiting for its answer. <see cref="StartsConversation"/>: the message opened a new
/// conversation, so it is the whole history and nothing needs reading back.
/// </summary>
public sealed record AssistantTurn(string UserId, int ConversationId, ConversationMessage UserMessage, bool StartsConversation = false);

public sealed record AssistantReply(int ConversationId, string Response, IReadOnlyList<string> ToolsUsed, string Model, long MessageId);

public enum AssistantFailure { Unavailable, Timeout }

/// <summary>The model could not answer; the user's message is saved and an error note is in the conversation.</summary>
public sealed class AssistantUnavailableException(AssistantFailure failure, int conversationId, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public AssistantFailure Failure { get; } = failure;
    public int ConversationId { get; } = conversationId;
}

/// <summary>The conversation does not exist or is not the user's.</summary>
public sealed class ConversationNotFoundException(int conversationId) : Exception($"Conversation {conversationId} was not found.")
{
    public int ConversationId { get; } = conversationId;
}

/// <summary>One step of a streamed answer: a piece of text, a tool being used, the finished reply, or a failure.</summary>
public abstract record AssistantUpdate
{
    public sealed record Text(string Delta) : AssistantUpdate;
    public sealed record ToolUsed(string Name) : AssistantUpdate;
    public sealed record Completed(AssistantReply Reply) : AssistantUpdate;
    public sealed record Failed(AssistantFailure Failure, string Message) : AssistantUpdate;
}

/// <summary>
/// Runs the assistant for a signed-in user. Save before you call: <see cref="BeginAsync"/> stores the user's
/// message, then <see cref="AnswerAsync"/> or <see cref="StreamAnswerAsync"/> calls the model with the user's
/// temperature, model, system prompt and tools, and stores the answer with the tools it used. A failed or slow
/// model leaves the user's message plus an error note, and a clear error for the caller.
/// </summary>
public sealed class AssistantService(
    AssistantChatClients clients, ConversationStore conversations, AssistantToolbox toolbox,
    AssistantPrompt prompt, AiRequestTracker aiRequests, ILogger<AssistantService> logger)
{
    public const int MaxMessageLength = 4000;
    private const int HistoryMessages = 20;

    public const string UnavailableMessage = "The assistant's model is not reachable right now. Your message is saved: press Retry in a moment.";
    public const string TimeoutMessage = "The assistant's model took too long to answer. Your message is saved: press Retry in a moment.";

    public AssistantOptions Options => clients.Options;

    /// <summary>Checks the message, creates the conversation if needed, and saves the user's message.</summary>
    public async Task<AssistantTurn> BeginAsync(string userId, string? message, int? conversationId, CancellationToken ct = default)
    {
        var text = (message ?? "").Trim();
        if (text.Length == 0) throw new ArgumentException("The message is empty.", nameof(message));
        if (text.Length > MaxMessageLength) throw new ArgumentException($"The message may have at most {MaxMessageLength} characters.", nameof(message));
        Security.UserText.Require(text, nameof(message));

        if (conversationId is not { } id)
        {
            var (created, first) = await conversations.StartAsync(userId, text, ct);
            return new AssistantTurn(userId, created, first, StartsConversation: true);
        }
        var saved = await conversations.AppendAsync(userId, id, AiMessageRole.User, text, ct: ct)
            ?? throw new ConversationNotFoundException(id);
        return new AssistantTurn(userId, id, saved);
    }

    /// <summary>Answers the last user message of a conversation again, after a failure.</summary>
    public async Task<AssistantTurn?> BeginRetryAsync(string userId, int conversationId, CancellationToken ct = default)
    {
        var last = await conversations.PrepareRetryAsync(userId, conversationId, ct);
        return last is null ? null : new AssistantTurn(userId, conversationId, last);
    }

    public async Task<AssistantReply> AskAsync(string userId, string? message, int? conversationId, CancellationToken ct = default) =>
        await AnswerAsync(await BeginAsync(userId, message, conversationId, ct), ct);

    public async Task<AssistantReply> AnswerAsync(AssistantTurn turn, CancellationToken ct = default)
    {
        var call = await PrepareAsync(turn, ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(clients.Options.TimeoutSeconds));
        using var request = aiRequests.Begin();
        try
        {
            var response = await call.Client.GetResponseAsync(call.Messages, call.Options, timeout.Token);
            var contents = response.Messages.SelectMany(m => m.Contents).ToList();
            if (UnansweredToolCall(contents) is { } unanswered)
                throw new InvalidOperationException($"The model kept asking for tool '{unanswered}' instead of answering.");
            var tools = contents.OfType<FunctionCallContent>().Select(c => c.Name).Where(call.IsTool).Distinct().ToList();
            var text = response.Text is { Length: > 0 } t ? t : "(The model returned an empty answer.)";
            return await SaveAnswerAsync(turn, text, tools, call.Model);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            request.Fail();
            await SaveFailureAsync(turn, TimeoutMessage);
            throw new AssistantUnavailableException(AssistantFailure.Timeout, turn.ConversationId, TimeoutMessage, e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            request.Fail();
            logger.LogWarning(e, "Assistant model {Model} failed for conversation {ConversationId}", call.Model, turn.ConversationId);
            var (failure, message) = Classify(e);
            await SaveFailureAsync(turn, message);
            throw new AssistantUnavailableException(failure, turn.ConversationId, message, e);
        }
    }

    /// <summary>
    /// Streams the answer. Never throws for a model failure: it yields <see cref="AssistantUpdate.Failed"/> instead.
    /// When the caller cancels (Stop), the text so far is saved as the answer, marked as stopped.
    /// </summary>
    public async IAsyncEnumerable<AssistantUpdate> StreamAnswerAsync(AssistantTurn turn, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var call = await PrepareAsync(turn, ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(clients.Options.TimeoutSeconds));
        var text = new StringBuilder();
        var tools = new List<string>();
        var streamed = new List<AIContent>();
        AssistantUpdate? failure = null;
        var request = aiRequests.Begin();
        try
        {
            await using var updates = call.Client.GetStreamingResponseAsync(call.Messages, call.Options, timeout.Token).GetAsyncEnumerator(timeout.Token);
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync()) break;
                    update = updates.Current;
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    break; // Stop: keep what arrived so far
                }
                catch (OperationCanceledException e)
                {
                    logger.LogWarning(e, "Assistant model {Model} timed out for conversation {ConversationId}", call.Model, turn.ConversationId);
                    failure = new AssistantUpdate.Failed(AssistantFailure.Timeout, TimeoutMessage);
                    break;
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Assistant model {Model} failed for conversation {ConversationId}", call.Model, turn.ConversationId);
                    var (kind, message) = Classify(e);
                    failure = new AssistantUpdate.Failed(kind, message);
                    break;
                }
                streamed.AddRange(update.Contents);
                foreach (var name in update.Contents.OfType<FunctionCallContent>().Select(c => c.Name).Where(n => call.IsTool(n) && !tools.Contains(n)))
                {
                    tools.Add(name);
                    yield return new AssistantUpdate.ToolUsed(name);
                }
                if (update.Role == ChatRole.Tool) continue; // tool results are for the model, not the user
                var delta = string.Concat(update.Contents.OfType<TextContent>().Select(c => c.Text));
                if (delta.Length == 0) continue;
                text.Append(delta);
                yield return new AssistantUpdate.Text(delta);
            }
        }
        finally
        {
            if (failure is null && !ct.IsCancellationRequested && UnansweredToolCall(streamed) is { } unanswered)
            {
                logger.LogWarning("Assistant model {Model} kept asking for tool {Tool} in conversation {ConversationId}", call.Model, unanswered, turn.ConversationId);
                failure = new AssistantUpdate.Failed(AssistantFailure.Unavailable, UnavailableMessage);
            }
            if (failure is not null) request.Fail();
            request.Dispose();
        }

        if (failure is not null)
        {
            if (text.Length > 0) await SaveAnswerAsync(turn, text + "\n\n*(incomplete: the model stopped answering)*", tools, call.Model);
            await SaveFailureAsync(turn, ((AssistantUpdate.Failed)failure).Message);
            yield return failure;
            yield break;
        }
        var answer = ct.IsCancellationRequested
            ? (text.Length == 0 ? "*(stopped before answering)*" : text + " *(stopped)*")
            : (text.Length == 0 ? "(The model returned an empty answer.)" : text.ToString());
        yield return new AssistantUpdate.Completed(await SaveAnswerAsync(turn, answer, tools, call.Model));
    }

    private sealed record PreparedCall(IChatClient Client, List<ChatMessage> Messages, ChatOptions Options, string Model)
    {
        /// <summary>One of the user's tools (a model may also ask for tools that do not exist).</summary>
        public bool IsTool(string name) => Options.Tools?.Any(t => t.Name == name) == true;
    }

    /// <summary>
    /// A tool call the model made that got no result: it asked for a tool that does not exist until the tool-call
    /// limit ran out, so there is no answer to show.
    /// </summary>
    private static string? UnansweredToolCall(IReadOnlyCollection<AIContent> contents)
    {
        var answered = contents.OfType<FunctionResultContent>().Select(r => r.CallId).ToHashSet(StringComparer.Ordinal);
        return contents.OfType<FunctionCallContent>().FirstOrDefault(c => !answered.Contains(c.CallId))?.Name;
    }

    /// <summary>A model call that hit the resilience timeout is "too slow" (504); everything else is "unavailable" (503).</summary>
    private static (AssistantFailure Failure, string Message) Classify(Exception e) =>
        ModelHttpClient.IsTimeout(e) ? (AssistantFailure.Timeout, TimeoutMessage) : (AssistantFailure.Unavailable, UnavailableMessage);

    private async Task<PreparedCall> PrepareAsync(AssistantTurn turn, CancellationToken ct)
    {
        var (profile, systemPrompt) = await prompt.ForUserAsync(turn.UserId, ct) ?? throw new ConversationNotFoundException(turn.ConversationId);
        var model = clients.Options.ResolveModel(profile.Settings.PreferredModel);
        var history = turn.StartsConversation
            ? [turn.UserMessage]
            : (await conversations.GetAsync(turn.UserId, turn.ConversationId, ct) ?? throw new ConversationNotFoundException(turn.ConversationId)).Messages;

        var messages = new List<ChatMessage> { new(ChatRole.System, systemPrompt) };
        messages.AddRange(history
            .Where(m => m.Role != AiMessageRole.Error && m.Id <= turn.UserMessage.Id)
            .TakeLast(HistoryMessages)
            .Select(m => new ChatMessage(m.Role == AiMessageRole.User ? ChatRole.User : ChatRole.Assistant, m.Content)));

        var options = new ChatOptions
        {
            Temperature = (float)profile.Settings.AiTemperature,
            ModelId = model,
            Tools = toolbox.For(new AssistantToolContext(turn.UserId, turn.ConversationId)),
            ToolMode = ChatToolMode.Auto,
        };
        return new PreparedCall(clients.For(model), messages, options, model);
    }

    // Saving after the model answered must not be undone by the user pressing Stop or closing the page.
    private async Task<AssistantReply> SaveAnswerAsync(AssistantTurn turn, string text, IReadOnlyList<string> tools, string model)
    {
        var saved = await conversations.AppendAsync(turn.UserId, turn.ConversationId, AiMessageRole.Assistant, text, tools, model, CancellationToken.None)
            ?? throw new ConversationNotFoundException(turn.ConversationId);
        return new AssistantReply(turn.ConversationId, text, tools, model, saved.Id);
    }

    private async Task SaveFailureAsync(AssistantTurn turn, string message) =>
        await conversations.AppendAsync(turn.UserId, turn.ConversationId, AiMessageRole.Error, message, ct: CancellationToken.None);
}
