using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Socializer.Tests.Support;

/// <summary>
/// A tiny OpenAI-compatible chat-completions server on loopback, speaking the real wire format (JSON and SSE
/// streaming). It calls a tool when the last user message starts with "tool:name {json args}", and otherwise
/// answers with the text of the last tool result, or an echo of the last user message.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeOpenAIServer(WebApplication app) => this.app = app;

    public string Endpoint { get; private set; } = "";

    /// <summary>Every request body received, in order.</summary>
    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAIServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = address.TrimEnd('/') + "/v1";
        return server;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        Requests.Enqueue(body);
        var messages = body["messages"]!.AsArray();
        var last = messages[^1]!.AsObject();
        var model = body["model"]!.GetValue<string>();
        var stream = body["stream"]?.GetValue<bool>() == true;

        string? text = null;
        (string Name, string Args)? call = null;
        if (last["role"]!.GetValue<string>() == "tool")
            text = "Tool said: " + Unquote(ContentOf(last));
        else
        {
            var user = ContentOf(last);
            if (user.StartsWith("tool:", StringComparison.Ordinal))
            {
                var space = user.IndexOf(' ', StringComparison.Ordinal);
                call = (user[5..(space < 0 ? user.Length : space)], space < 0 ? "{}" : user[(space + 1)..]);
            }
            else text = "Echo: " + user;
        }

        if (!stream)
        {
            var message = new JsonObject { ["role"] = "assistant", ["content"] = text };
            if (call is { } c)
                message["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = "call_1", ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Args },
                });
            await http.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = "chatcmpl-1", ["object"] = "chat.completion", ["created"] = 1_700_000_000, ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = call is null ? "stop" : "tool_calls" }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
            });
            return;
        }

        http.Response.ContentType = "text/event-stream";
        async Task Send(JsonObject delta, string? finish)
        {
            var chunk = new JsonObject
            {
                ["id"] = "chatcmpl-1", ["object"] = "chat.completion.chunk", ["created"] = 1_700_000_000, ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
            };
            await http.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n");
            await http.Response.Body.FlushAsync();
        }
        if (call is { } tool)
        {
            await Send(new JsonObject
            {
                ["role"] = "assistant",
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["id"] = "call_1", ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = tool.Name, ["arguments"] = tool.Args },
                }),
            }, null);
            await Send(new JsonObject(), "tool_calls");
        }
        else
        {
            foreach (var word in text!.Split(' '))
                await Send(new JsonObject { ["role"] = "assistant", ["content"] = word + " " }, null);
            await Send(new JsonObject(), "stop");
        }
        await http.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static string ContentOf(JsonObject message) => message["content"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };

    // Tool results travel as JSON; a string result arrives quoted.
    private static string Unquote(string content) =>
        content.StartsWith('"') ? JsonSerializer.Deserialize<string>(content) ?? "" : content;

    public static string ToolNamesOf(JsonObject request) =>
        string.Join(',', request["tools"]?.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()) ?? []);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
