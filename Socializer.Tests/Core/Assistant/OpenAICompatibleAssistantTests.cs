using Socializer.Core.Assistant;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Assistant;

/// <summary>The OpenAICompatible provider against a real HTTP server speaking the OpenAI wire format.</summary>
public sealed class OpenAICompatibleAssistantTests
{
    private static Dictionary<string, string?> Settings(string endpoint) => new()
    {
        ["Provider"] = "OpenAICompatible", ["Endpoint"] = endpoint, ["Model"] = "llama-test", ["Models:0"] = "qwen-test",
    };

    [Fact]
    public async Task A_model_calls_a_user_bound_tool_and_answers_from_its_result_with_the_users_temperature_and_model()
    {
        await using var server = await ScriptedOpenAIServer.StartAsync();
        await using var host = await AssistantTestHost.StartAsync(Settings(server.Endpoint));
        var ana = await host.AddUserAsync("ana");
        await host.Settings.UpdateAsync(ana, new(PreferredLanguage: "es", AiTemperature: 0.2, PreferredModel: "qwen-test", true, true));

        var reply = await host.Assistant.AskAsync(ana, """tool:remember_fact {"key":"name","value":"Ana"}""", null);

        Assert.Equal(["remember_fact"], reply.ToolsUsed);
        Assert.Equal("qwen-test", reply.Model);
        Assert.Equal("Tool said: Got it: I'll remember that your name is \"Ana\".", reply.Response);
        Assert.Equal("Ana", (await host.Memory.RecallAsync(ana, "name")).Single().Value);

        var requests = server.Requests.ToList();
        Assert.Equal(2, requests.Count); // the call, then the answer from the tool result
        Assert.All(requests, r => Assert.Equal("qwen-test", r["model"]!.GetValue<string>()));
        Assert.Equal(0.2, requests[0]["temperature"]!.GetValue<double>(), 3);
        Assert.Contains("remember_fact", ScriptedOpenAIServer.ToolNamesOf(requests[0]));
        var system = requests[0]["messages"]![0]!;
        Assert.Equal("system", system["role"]!.GetValue<string>());
        Assert.Contains("Spanish (es)", system["content"]!.ToString());
    }

    [Fact]
    public async Task Streaming_works_through_the_OpenAI_path_with_tool_calls()
    {
        await using var server = await ScriptedOpenAIServer.StartAsync();
        await using var host = await AssistantTestHost.StartAsync(Settings(server.Endpoint));
        var ana = await host.AddUserAsync("ana");
        await host.Memory.RememberAsync(ana, "name", "Ana");

        var turn = await host.Assistant.BeginAsync(ana, """tool:recall_facts {"topic":"name"}""", null);
        var updates = new List<AssistantUpdate>();
        await foreach (var update in host.Assistant.StreamAnswerAsync(turn)) updates.Add(update);

        Assert.Equal("recall_facts", Assert.IsType<AssistantUpdate.ToolUsed>(updates[0]).Name);
        var completed = Assert.IsType<AssistantUpdate.Completed>(updates[^1]);
        Assert.Equal("Tool said: Your name is \"Ana\".", completed.Reply.Response.Trim());
        Assert.Equal("llama-test", completed.Reply.Model);
    }

    [Fact]
    public async Task Plain_conversation_carries_the_history()
    {
        await using var server = await ScriptedOpenAIServer.StartAsync();
        await using var host = await AssistantTestHost.StartAsync(Settings(server.Endpoint));
        var ana = await host.AddUserAsync("ana");

        var first = await host.Assistant.AskAsync(ana, "Hello model", null);
        var second = await host.Assistant.AskAsync(ana, "Again", first.ConversationId);

        Assert.Equal("Echo: Again", second.Response);
        var roles = server.Requests.Last()["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>());
        Assert.Equal(["system", "user", "assistant", "user"], roles);
    }

    [Fact]
    public async Task A_refused_connection_is_a_clear_error_and_the_message_is_kept()
    {
        int closedPort;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        await using var host = await AssistantTestHost.StartAsync(Settings($"http://127.0.0.1:{closedPort}/v1"));
        var ana = await host.AddUserAsync("ana");

        var error = await Assert.ThrowsAsync<AssistantUnavailableException>(() => host.Assistant.AskAsync(ana, "anyone there?", null));

        Assert.Equal(AssistantService.UnavailableMessage, error.Message);
        var messages = (await host.Conversations.GetAsync(ana, error.ConversationId))!.Messages;
        Assert.Equal("anyone there?", messages[0].Content);
        Assert.Equal(AiMessageRole.Error, messages[^1].Role);
        Assert.Equal(0, host.Contexts.Live);
    }
}
