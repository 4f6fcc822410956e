using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Socializer.Core.Accounts;
using Socializer.Core.Chat;
using Socializer.Core.Health;

namespace Socializer.Core.Assistant.Rooms;

/// <summary>
/// Answers one mention of the assistant in a room: reads the room's recent history as the mentioning member (so a
/// former member gets nothing), calls the model with that member's settings and tools, and posts the answer in the
/// room. Each step opens and closes its own context; none is open while the model thinks.
/// </summary>
public sealed class RoomAssistant(
    AssistantChatClients clients, AssistantToolbox toolbox, AssistantPrompt prompt,
    MessageService messages, AiRequestTracker aiRequests)
{
    public const int HistoryMessages = 20;

    /// <summary>The posted answer, or null when there was nothing to say. Throws when the model fails (nothing is posted).</summary>
    public async Task<MessageView?> AnswerAsync(MessagePosted mention, CancellationToken ct)
    {
        var userId = mention.SenderId ?? throw new ArgumentException("Only a person's message can mention the assistant.", nameof(mention));
        if (await prompt.ForUserAsync(userId, ct) is not { } user) return null;
        var (profile, systemPrompt) = user;
        var history = await messages.HistoryAsync(mention.RoomId, userId, before: mention.MessageId + 1, limit: HistoryMessages, ct: ct);

        var conversation = new List<ChatMessage> { new(ChatRole.System, systemPrompt + "\n\n" + RoomRules(profile.DisplayName)) };
        foreach (var m in history.Messages.Where(m => !m.IsDeleted && m.Id != mention.MessageId))
            conversation.Add(m.SenderType == SenderType.Assistant
                ? new ChatMessage(ChatRole.Assistant, m.Content)
                : new ChatMessage(ChatRole.User, $"{m.SenderName}: {m.Content}"));
        var request = RoomMentions.WithoutMention(mention.Content);
        conversation.Add(new ChatMessage(ChatRole.User, request.Length == 0 ? "hello" : request));

        var model = clients.Options.ResolveModel(profile.Settings.PreferredModel);
        var options = new ChatOptions
        {
            Temperature = (float)profile.Settings.AiTemperature,
            ModelId = model,
            Tools = toolbox.For(new AssistantToolContext(userId, null)),
            ToolMode = ChatToolMode.Auto,
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(clients.Options.TimeoutSeconds));
        string answer;
        using (var tracked = aiRequests.Begin())
        {
            try
            {
                answer = (await clients.For(model).GetResponseAsync(conversation, options, timeout.Token)).Text.Trim();
            }
            catch
            {
                tracked.Fail();
                throw;
            }
        }
        if (answer.Length == 0) return null;
        if (answer.Length > Message.ContentMaxLength) answer = answer[..(Message.ContentMaxLength - 1)] + "…";
        return await messages.PostAssistantAsync(mention.RoomId, answer, ct);
    }

    private static string RoomRules(string askerName) => string.Create(CultureInfo.InvariantCulture, $"""
        You are now in a group chat room. Earlier room messages are shown as "Name: text". The last message is from
        {askerName}, who called you with @ai; answer them, briefly, in the room. Everyone in the room reads your answer:
        share {askerName}'s personal data only when they ask for it themselves. Your tools act for {askerName} only.
        """);
}
