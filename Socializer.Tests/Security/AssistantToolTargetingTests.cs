using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Assistant;
using Socializer.Core.Memory;
using Socializer.Tests.Support;

namespace Socializer.Tests.Security;

/// <summary>
/// A prompt can make a model call any tool with any arguments. So every tool is called here as a hostile model
/// would, for Ana, with arguments aimed at Ben (his user id under every plausible name, his memory key, his life
/// event's id): none may read or change anything of Ben's, because the user comes from AssistantToolContext only.
/// </summary>
public sealed class AssistantToolTargetingTests
{
    private const string BensSecret = "ben-secret-7f3a";

    [Fact]
    public async Task No_tool_can_be_aimed_at_another_user_by_its_arguments()
    {
        await using var host = await AssistantFeatures.StartHostAsync();
        var ana = await host.AddUserAsync("ana");
        var ben = await host.AddUserAsync("ben");
        await host.Memory.RememberAsync(ben, "secret", BensSecret);
        var events = host.Services.GetRequiredService<LifeEventService>();
        var bensEvent = await events.AddAsync(ben, new LifeEventInput(BensSecret, BensSecret, "private", new DateOnly(2024, 1, 1)), default);
        var bensConversation = (await host.Assistant.AskAsync(ben, "remember that my password hint is " + BensSecret, null)).ConversationId;
        var bensDataBefore = await BensDataAsync(host, ben);

        var tools = host.Services.GetRequiredService<AssistantToolbox>().For(new AssistantToolContext(ana, null)).OfType<AIFunction>().ToList();
        Assert.NotEmpty(tools);
        foreach (var tool in tools)
        {
            var arguments = HostileArguments(tool, ben, bensEvent.Id, bensConversation);
            object? result;
            try
            {
                result = await tool.InvokeAsync(arguments);
            }
            catch (Exception refused) when (refused is ArgumentException or InvalidOperationException or JsonException)
            {
                result = refused.Message;
            }
            Assert.DoesNotContain(BensSecret, Serialize(result), StringComparison.Ordinal);
        }

        Assert.Equal(bensDataBefore, await BensDataAsync(host, ben));
    }

    /// <summary>Every declared parameter gets a value pointing at Ben; undeclared ones name him outright.</summary>
    private static AIFunctionArguments HostileArguments(AIFunction tool, string ben, int bensEventId, int bensConversationId)
    {
        var arguments = new AIFunctionArguments
        {
            ["userId"] = ben, ["user_id"] = ben, ["user"] = ben, ["owner"] = ben, ["ownerId"] = ben, ["email"] = "ben@example.com",
        };
        if (!tool.JsonSchema.TryGetProperty("properties", out var properties)) return arguments;
        foreach (var parameter in properties.EnumerateObject())
        {
            var type = parameter.Value.TryGetProperty("type", out var t) ? t.ToString() : "string";
            arguments[parameter.Name] = parameter.Value.TryGetProperty("enum", out var values) ? values[0].GetString()
                : type.Contains("integer", StringComparison.Ordinal) ? (parameter.Name.Contains("conversation", StringComparison.OrdinalIgnoreCase) ? bensConversationId : bensEventId)
                : type.Contains("number", StringComparison.Ordinal) ? 1.0
                : type.Contains("boolean", StringComparison.Ordinal) ? true
                : "secret";
        }
        return arguments;
    }

    private static async Task<string> BensDataAsync(AssistantTestHost host, string ben)
    {
        var memory = await host.Memory.ListAsync(ben);
        var events = await host.Services.GetRequiredService<LifeEventService>().ListAsync(ben, default);
        var conversations = await host.Conversations.ListAsync(ben);
        var settings = await host.Settings.GetAsync(ben);
        return JsonSerializer.Serialize(new { memory, events, conversations, settings });
    }

    private static string Serialize(object? result) => result switch
    {
        null => "",
        string s => s,
        JsonElement e => e.GetRawText(),
        _ => JsonSerializer.Serialize(result),
    };
}
