using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Assistant;
using Socializer.Core.Health;
using Socializer.Tests.Support;
using Reply = Socializer.Tests.Support.ScriptedOpenAIServer.Reply;

namespace Socializer.Tests.Reliability;

/// <summary>
/// The OpenAI-compatible provider against a real HTTP model server that refuses connections, hangs, fails, answers
/// garbage or asks for a tool that does not exist: every time the user's message is kept, the API answers 503/504
/// problem details with Retry-After, no context or connection stays open, and the next request works once the model is back.
/// </summary>
public sealed class ModelFaultTests
{
    private static AssistantAppFactory App(ScriptedOpenAIServer model, int circuitMinimumCalls = 100) => new(new Dictionary<string, string>
    {
        ["Provider"] = "OpenAICompatible", ["Endpoint"] = model.Endpoint, ["Model"] = "llama-test",
        ["TimeoutSeconds"] = "2", ["CircuitBreakSeconds"] = "1", ["CircuitMinimumCalls"] = circuitMinimumCalls.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public static TheoryData<string, HttpStatusCode> Faults => new()
    {
        { "Hang", HttpStatusCode.GatewayTimeout },
        { "ServerError", HttpStatusCode.ServiceUnavailable },
        { "MalformedJson", HttpStatusCode.ServiceUnavailable },
        { "UnknownTool", HttpStatusCode.ServiceUnavailable },
    };

    private static Reply Misbehaving(string fault) => fault switch
    {
        "Hang" => Reply.Hang(),
        "ServerError" => Reply.Status(500),
        "MalformedJson" => Reply.Malformed(),
        "UnknownTool" => Reply.ToolCall("launch_rockets"), // every answer asks for a tool that does not exist
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_misbehaving_model_is_a_clear_error_that_keeps_the_message_and_the_next_request_works(string fault, HttpStatusCode expected)
    {
        await using var model = await ScriptedOpenAIServer.StartAsync(_ => Misbehaving(fault));
        await using var app = App(model);
        var (client, _) = await app.SignedInClientAsync($"{fault}@example.com");

        var failed = await client.PostAsJsonAsync("/api/ai-chat", new { message = $"hello through {fault}" });

        var conversationId = await AssertFailureKeptTheMessageAsync(app, client, failed, expected, $"hello through {fault}");
        Assert.NotEmpty(model.Requests);

        model.Script(ScriptedOpenAIServer.Echo);
        var next = await client.PostAsJsonAsync("/api/ai-chat", new { message = "and now?", conversationId });
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Contains("and now?", (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").GetString());
        await AssertNothingLeftOpenAsync(app);
    }

    [Fact]
    public async Task A_model_that_refuses_connections_is_503_and_the_next_request_works_once_it_is_back()
    {
        await using var model = await ScriptedOpenAIServer.StartAsync();
        await using var app = App(model);
        var (client, _) = await app.SignedInClientAsync("refused@example.com");
        await model.GoDownAsync();

        var failed = await client.PostAsJsonAsync("/api/ai-chat", new { message = "is anyone listening?" });

        var conversationId = await AssertFailureKeptTheMessageAsync(app, client, failed, HttpStatusCode.ServiceUnavailable, "is anyone listening?");
        Assert.Empty(model.Requests);

        await model.ComeBackAsync();
        var next = await client.PostAsJsonAsync("/api/ai-chat", new { message = "back?", conversationId });
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        await AssertNothingLeftOpenAsync(app);
    }

    [Fact]
    public async Task After_repeated_failures_the_circuit_opens_so_users_fail_fast_without_calling_the_model_then_it_recovers()
    {
        await using var model = await ScriptedOpenAIServer.StartAsync(_ => Reply.Status(500));
        await using var app = App(model, circuitMinimumCalls: 2);
        var (client, _) = await app.SignedInClientAsync("breaker@example.com");

        // Fail until the breaker opens: a failure that did not reach the model.
        var sent = 0;
        while (true)
        {
            var before = model.Requests.Count;
            var response = await client.PostAsJsonAsync("/api/ai-chat", new { message = $"try {++sent}" });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            if (model.Requests.Count == before) break;
            Assert.True(sent < 20, "the circuit never opened");
        }
        var callsWhenOpen = model.Requests.Count;

        // The model is back; once the break is over a trial call closes the circuit again.
        model.Script(ScriptedOpenAIServer.Echo);
        var answer = await Eventually.ValueAsync(async () =>
        {
            var response = await client.PostAsJsonAsync("/api/ai-chat", new { message = "recovered?" });
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
        }, "the circuit closed again");
        Assert.Contains("recovered?", JsonDocument.Parse(answer).RootElement.GetProperty("response").GetString());
        Assert.True(model.Requests.Count > callsWhenOpen);
        await AssertNothingLeftOpenAsync(app);
    }

    /// <summary>503/504 problem details with Retry-After; the conversation holds the user's message and an error note.</summary>
    private static async Task<int> AssertFailureKeptTheMessageAsync(AssistantAppFactory app, HttpClient client, HttpResponseMessage failed, HttpStatusCode expected, string message)
    {
        Assert.Equal(expected, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        var problem = await failed.ReadProblemAsync();
        Assert.Contains("Your message is saved", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("   at ", problem.ToString());
        var conversationId = problem.GetProperty("conversationId").GetInt32();

        var conversation = await client.GetFromJsonAsync<JsonElement>($"/api/ai-chat/conversations/{conversationId}");
        var messages = conversation.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(message, messages[0].GetProperty("content").GetString());
        Assert.Equal("User", messages[0].GetProperty("role").GetString());
        Assert.Equal("Error", messages[^1].GetProperty("role").GetString());
        await AssertNothingLeftOpenAsync(app);
        return conversationId;
    }

    private static async Task AssertNothingLeftOpenAsync(AssistantAppFactory app)
    {
        var connections = app.Services.GetRequiredService<ConnectionTracker>();
        var contexts = app.Services.GetRequiredService<ContextTracker>();
        await Eventually.TrueAsync(() => app.Contexts.Live == 0 && contexts.LiveCount == 0, "every DbContext disposed");
        await Eventually.TrueAsync(() => connections.OpenCount == 0 && connections.TransactionCount == 0, "every connection closed");
        Assert.Equal(0, app.Services.GetRequiredService<AiRequestTracker>().InFlight);
    }
}
