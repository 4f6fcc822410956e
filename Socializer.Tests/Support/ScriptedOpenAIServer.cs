using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Socializer.Core.Assistant;

namespace Socializer.Tests.Support;

/// <summary>
/// An OpenAI-compatible /v1/chat/completions endpoint on a real Kestrel socket (127.0.0.1, a free port) that answers
/// as the test scripts it: a completion with given text, an HTTP error, a malformed body, or no answer at all.
/// Driven through the app's real OpenAI client (<see cref="ClientsFor"/>), so the wire format is the real one.
/// </summary>
public sealed class ScriptedOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private Func<JsonObject, Reply> script = _ => Reply.Text("");

    private ScriptedOpenAIServer(WebApplication app) => this.app = app;

    /// <summary>What the server does with one request.</summary>
    public abstract record Reply
    {
        public static Reply Text(string content) => new TextReply(content);
        public static Reply Status(int code) => new StatusReply(code);
        public static Reply Malformed() => new MalformedReply();
        public static Reply Hang() => new HangReply();
    }

    private sealed record TextReply(string Content) : Reply;
    private sealed record StatusReply(int Code) : Reply;
    private sealed record MalformedReply : Reply;
    private sealed record HangReply : Reply;

    /// <summary>The base address the OpenAI client is given (ends in /v1).</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Every request body received, in order.</summary>
    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public static async Task<ScriptedOpenAIServer> StartAsync(Func<JsonObject, Reply> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedOpenAIServer(app) { script = script };
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = address.TrimEnd('/') + "/v1";
        return server;
    }

    /// <summary>Changes the answers from now on (the model comes back, or breaks).</summary>
    public void Script(Func<JsonObject, Reply> next) => script = next;

    /// <summary>AI settings of an OpenAICompatible provider pointing here.</summary>
    public AssistantOptions Options(string model = "test-model") =>
        new() { Provider = AiProvider.OpenAICompatible, Endpoint = Endpoint, Model = model, TimeoutSeconds = 30 };

    /// <summary>The app's real pipeline over the real OpenAI client, pointing here.</summary>
    public static AssistantChatClients ClientsFor(AssistantOptions options)
    {
        var services = new ServiceCollection().AddModelHttpClient(options).BuildServiceProvider(); // the app's resilient HttpClient
        return new(options, new OpenAICompatibleModelClientFactory(options, services.GetRequiredService<IHttpClientFactory>()), NullLoggerFactory.Instance, services);
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        Requests.Enqueue(body);
        switch (script(body))
        {
            case TextReply text:
                await http.Response.WriteAsJsonAsync(new JsonObject
                {
                    ["id"] = "chatcmpl-1", ["object"] = "chat.completion", ["created"] = 1_700_000_000,
                    ["model"] = body["model"]!.GetValue<string>(),
                    ["choices"] = new JsonArray(new JsonObject
                    {
                        ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text.Content }, ["finish_reason"] = "stop",
                    }),
                    ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
                });
                break;
            case StatusReply status:
                http.Response.StatusCode = status.Code;
                await http.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["message"] = "scripted failure" } });
                break;
            case MalformedReply:
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync("{\"choices\": [ this is not json");
                break;
            case HangReply:
                using (var hang = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping.Token))
                {
                    try { await Task.Delay(Timeout.Infinite, hang.Token); }
                    catch (OperationCanceledException) { }
                }
                break;
        }
    }

    /// <summary>The text the client sent as one role's message (system or user) in a request.</summary>
    public static string MessageOf(JsonObject request, string role) =>
        string.Concat(request["messages"]!.AsArray().Where(m => m!["role"]!.GetValue<string>() == role).Select(m => m!["content"] switch
        {
            JsonValue v => v.GetValue<string>(),
            JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
            _ => "",
        }));

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }
}
