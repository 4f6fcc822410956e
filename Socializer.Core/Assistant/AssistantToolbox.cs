using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Socializer.Core.Accounts;
using Socializer.Core.Memory;

namespace Socializer.Core.Assistant;

/// <summary>
/// Builds the assistant's tools for one request, each bound to the signed-in user's id captured here, so no
/// prompt can aim a tool at someone else. Every tool goes through a service that opens and disposes its own
/// DbContext, and answers with a friendly sentence instead of throwing.
/// </summary>
public sealed class AssistantToolbox(MemoryService memory, UserSettingsService settings, ConversationStore conversations,
    IEnumerable<IAssistantToolSource> sources, ILogger<AssistantToolbox> logger)
{
    public IList<AITool> For(AssistantToolContext context)
    {
        var tools = new Dictionary<string, AITool>(StringComparer.Ordinal);
        foreach (var tool in BuiltIn(context)) tools[tool.Name] = tool;
        foreach (var tool in sources.SelectMany(s => s.CreateTools(context))) tools[tool.Name] = tool;
        return [.. tools.Values];
    }

    private IEnumerable<AIFunction> BuiltIn(AssistantToolContext context)
    {
        var userId = context.UserId;

        yield return AIFunctionFactory.Create(
            (CancellationToken ct) => Safe("read your profile", () => ProfileAsync(userId, ct)),
            AssistantToolNames.GetMyProfile, "Who the signed-in user is: name, preferred language, AI settings and what the assistant remembers about them.");

        yield return AIFunctionFactory.Create(
            ([Description("Short name of the fact, e.g. 'name', 'favourite food'.")] string key,
             [Description("The value to remember.")] string value,
             [Description("One of: Fact, Preference, Interest, Person, Goal.")] string? category = null,
             CancellationToken ct = default) => Safe("remember that", () => RememberAsync(userId, key, value, category, ct)),
            AssistantToolNames.RememberFact, "Remember a fact or preference about the signed-in user.");

        yield return AIFunctionFactory.Create(
            ([Description("What to look up, e.g. 'name'; empty for everything remembered.")] string? topic = null,
             CancellationToken ct = default) => Safe("look that up", () => RecallAsync(userId, topic, ct)),
            AssistantToolNames.RecallFacts, "Recall what the assistant remembers about the signed-in user, by topic or all of it.");

        yield return AIFunctionFactory.Create(
            ([Description("Name of the fact to forget, e.g. 'favourite food'.")] string key,
             CancellationToken ct) => Safe("forget that", () => ForgetAsync(userId, key, ct)),
            AssistantToolNames.ForgetFact, "Forget one remembered fact about the signed-in user.");

        yield return AIFunctionFactory.Create(
            ([Description("Between 0 (focused) and 2 (very loose).")] double temperature,
             CancellationToken ct) => Safe("change your temperature", async () =>
            {
                var t = await settings.SetTemperatureAsync(userId, temperature, ct);
                return $"Your AI temperature is now {t.ToString("0.0#", CultureInfo.InvariantCulture)}. {UserSettingsService.DescribeTemperature(t)} It applies from the next answer.";
            }),
            AssistantToolNames.SetMyTemperature, "Set the signed-in user's AI temperature (0 to 2).");

        yield return AIFunctionFactory.Create(
            ([Description("A language name or code, e.g. 'Spanish' or 'es'.")] string language,
             CancellationToken ct) => Safe("change your language", async () =>
            {
                var code = await settings.SetLanguageAsync(userId, language, ct);
                return $"Your preferred language is now {Languages.Describe(code)}.";
            }),
            AssistantToolNames.SetMyLanguage, "Set the signed-in user's preferred language.");

        yield return AIFunctionFactory.Create(
            (CancellationToken ct) => Safe("read your previous conversation", () => PreviousConversationAsync(userId, context.ConversationId, ct)),
            AssistantToolNames.GetPreviousConversation, "The signed-in user's previous conversation with the assistant (the most recent other one).");

        yield return AIFunctionFactory.Create(
            ([Description("true: translate room messages in other languages (on); false: stop translating them (off).")] bool enabled,
             CancellationToken ct) => Safe("change passive translation", async () =>
            {
                await settings.SetPassiveTranslationAsync(userId, enabled, ct);
                return enabled
                    ? "Passive translation is on again: room messages in other languages get a translation under them."
                    : "Passive translation is off: I won't translate room messages for you. Say \"start translating\" to turn it back on.";
            }),
            AssistantToolNames.SetPassiveTranslation, "Turn the signed-in user's passive translation of room messages on or off.");
        // Skills, training, life events, translation and the checks come from their features through IAssistantToolSource.
    }

    private Task<string> Safe(string action, Func<Task<string>> tool) => ToolCall.SafeAsync(logger, action, tool);

    private async Task<string> ProfileAsync(string userId, CancellationToken ct)
    {
        var profile = await settings.GetProfileAsync(userId, ct);
        if (profile is null) return "I couldn't find your account.";
        var facts = await memory.ListAsync(userId, ct);
        var name = facts.FirstOrDefault(f => f.Key == "name")?.Value;
        var s = profile.Settings;
        var text = new StringBuilder();
        text.Append(name is null ? $"You are **{profile.DisplayName}**" : $"You told me your name is **{name}**; your account is **{profile.DisplayName}**");
        text.Append(CultureInfo.InvariantCulture, $" (user name {profile.UserName}), with us since {profile.CreatedAt:d MMMM yyyy}.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- Preferred language: {Languages.Describe(s.PreferredLanguage)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- AI temperature: {s.AiTemperature.ToString("0.0#", CultureInfo.InvariantCulture)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- Model: {s.PreferredModel ?? settings.DefaultModel}\n");
        text.Append(CultureInfo.InvariantCulture, $"- Passive translation: {(s.PassiveTranslationEnabled ? "on" : "off")}; coaching hints: {(s.CoachingHintsEnabled ? "on" : "off")}\n");
        text.Append(facts.Count == 0 ? "- I don't remember anything else about you yet." : $"- I remember {facts.Count} thing(s) about you (see Profile → Memory).");
        return text.ToString();
    }

    private async Task<string> RememberAsync(string userId, string key, string value, string? category, CancellationToken ct)
    {
        var parsedCategory = Enum.TryParse<MemoryCategory>(category, ignoreCase: true, out var c) && Enum.IsDefined(c) ? c : MemoryCategory.Fact;
        var result = await memory.RememberAsync(userId, key, value, parsedCategory, "assistant", 1.0, ct);
        return result.Outcome switch
        {
            RememberOutcome.Created => $"Got it: I'll remember that your {result.Item.Key} is \"{result.Item.Value}\".",
            RememberOutcome.Updated => $"Updated: your {result.Item.Key} is now \"{result.Item.Value}\" (it was \"{result.PreviousValue}\").",
            _ => $"I already knew that your {result.Item.Key} is \"{result.Item.Value}\".",
        };
    }

    private async Task<string> RecallAsync(string userId, string? topic, CancellationToken ct)
    {
        var all = string.IsNullOrWhiteSpace(topic);
        var facts = all ? await memory.ListAsync(userId, ct) : await memory.RecallAsync(userId, topic!, ct);
        if (facts.Count == 0)
            return all ? "I don't remember anything about you yet. Tell me, for example: \"remember that my favourite food is paella\"."
                       : $"I don't remember anything about \"{MemoryService.NormalizeKey(topic)}\".";
        var text = new StringBuilder(all ? "Here is what I remember about you:\n\n" : "");
        if (!all && facts.Count == 1) return $"Your {facts[0].Key} is \"{facts[0].Value}\".";
        foreach (var f in facts) text.Append(CultureInfo.InvariantCulture, $"- **{f.Key}**: {f.Value}\n");
        return text.ToString().TrimEnd();
    }

    private async Task<string> ForgetAsync(string userId, string key, CancellationToken ct)
    {
        var forgotten = await memory.ForgetAsync(userId, key, ct);
        return forgotten is null
            ? $"I had nothing remembered under \"{MemoryService.NormalizeKey(key)}\", so there was nothing to forget."
            : $"Done: I've forgotten your {forgotten.Key}.";
    }

    private async Task<string> PreviousConversationAsync(string userId, int? currentConversationId, CancellationToken ct)
    {
        var previous = await conversations.GetPreviousAsync(userId, currentConversationId, ct);
        if (previous is null) return "This is our first conversation: there is no earlier one.";
        var turns = previous.Messages.Where(m => m.Role != AiMessageRole.Error).TakeLast(6).ToList();
        var text = new StringBuilder($"Our previous conversation, \"{previous.Title}\" ({previous.UpdatedAt:d MMM yyyy HH:mm} UTC), ended with:\n\n");
        foreach (var m in turns)
        {
            var content = m.Content.ReplaceLineEndings(" ");
            if (content.Length > 200) content = content[..197] + "…";
            text.Append(CultureInfo.InvariantCulture, $"- {(m.Role == AiMessageRole.User ? "You" : "Me")}: {content}\n");
        }
        return text.ToString().TrimEnd();
    }
}
