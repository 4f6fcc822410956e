using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Socializer.Core.Assistant;

namespace Socializer.Tests.Support;

/// <summary>
/// An OpenAI-compatible /v1/chat/completions endpoint on a real Kestrel socket (127.0.0.1, a free port) that answers
/// as the test scripts it: text (JSON text for structured output), a tool call, an HTTP error, a malformed body, no
/// answer at all, or an answer held back until the test releases it. It speaks the real wire format (JSON and SSE
/// streaming), records every request, and can go down (connections are refused) and come back on the same port.
/// Without a script it behaves like a working model (<see cref="Echo"/>).
/// </summary>
public sealed class ScriptedOpenAIServer : IAsyncDisposable
{
    private Func<JsonObject, Reply> script;
    private WebApplication? app;
    private CancellationTokenSource? goingDown;
    private int port;
    private int held;
    private TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ScriptedOpenAIServer(Func<JsonObject, Reply> script) => this.script = script;

    /// <summary>What the server does with one request.</summary>
    public abstract record Reply
    {
        /// <summary>A completion with this text (a JSON text stands for a structured answer).</summary>
        public static Reply Text(string content) => new TextReply(content);

        /// <summary>A completion that asks to call the tool <paramref name="name"/> with these JSON arguments.</summary>
        public static Reply ToolCall(string name, string arguments = "{}") => new ToolCallReply(name, arguments);

        /// <summary>This HTTP status with an OpenAI-style error body.</summary>
        public static Reply Status(int code) => new StatusReply(code);

        /// <summary>HTTP 200 whose body is cut off mid-JSON.</summary>
        public static Reply Malformed() => new MalformedReply();

        /// <summary>No answer until the client gives up or the server goes down.</summary>
        public static Reply Hang() => new HangReply();

        /// <summary>Waits until <see cref="ReleaseHeld"/> (counted in <see cref="Held"/> meanwhile), then gives <paramref name="answer"/>.</summary>
        public static Reply HeldUntilReleased(Reply answer) => new HeldReply(answer);
    }

    private sealed record TextReply(string Content) : Reply;
    private sealed record ToolCallReply(string Name, string Arguments) : Reply;
    private sealed record StatusReply(int Code) : Reply;
    private sealed record MalformedReply : Reply;
    private sealed record HangReply : Reply;
    private sealed record HeldReply(Reply Answer) : Reply;

    /// <summary>The base address the OpenAI client is given (ends in /v1); it stays the same across going down and coming back.</summary>
    public string Endpoint => $"http://127.0.0.1:{port}/v1";

    /// <summary>Every request body received, in order (refused connections never arrive).</summary>
    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>Requests waiting in <see cref="Reply.HeldUntilReleased"/> now.</summary>
    public int Held => Volatile.Read(ref held);

    public static async Task<ScriptedOpenAIServer> StartAsync(Func<JsonObject, Reply>? script = null)
    {
        var server = new ScriptedOpenAIServer(script ?? Echo);
        await server.ComeBackAsync();
        return server;
    }

    /// <summary>Changes the answers from now on (the model comes back, or breaks).</summary>
    public void Script(Func<JsonObject, Reply> next) => script = next;

    /// <summary>
    /// A working model: it calls a tool when the last user message is "tool:name {json args}", answers
    /// "Tool said: ..." after a tool result, and otherwise echoes the last user message ("Echo: ...").
    /// </summary>
    public static Reply Echo(JsonObject request)
    {
        var last = request["messages"]!.AsArray()[^1]!.AsObject();
        var content = ContentOf(last);
        if (last["role"]!.GetValue<string>() == "tool") return Reply.Text("Tool said: " + Unquote(content));
        if (!content.StartsWith("tool:", StringComparison.Ordinal)) return Reply.Text("Echo: " + content);
        var space = content.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? Reply.ToolCall(content[5..]) : Reply.ToolCall(content[5..space], content[(space + 1)..]);
    }

    /// <summary>Lets every held request answer; requests held after this wait for the next release.</summary>
    public void ReleaseHeld() => Interlocked.Exchange(ref release, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Stops listening: from now on connections to <see cref="Endpoint"/> are refused. Held requests are released first.</summary>
    public async Task GoDownAsync()
    {
        if (app is null) return;
        ReleaseHeld();
        await goingDown!.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        goingDown.Dispose();
        app = null;
    }

    /// <summary>Listens (again) on the same port; the first start takes a free one.</summary>
    public async Task ComeBackAsync()
    {
        if (app is not null) return;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var started = builder.Build();
        var stopping = new CancellationTokenSource();
        started.MapPost("/v1/chat/completions", http => HandleAsync(http, stopping.Token));
        await started.StartAsync();
        port = new Uri(started.Urls.First()).Port;
        (app, goingDown) = (started, stopping);
    }

    public async ValueTask DisposeAsync() => await GoDownAsync();

    /// <summary>AI settings of an OpenAICompatible provider pointing here.</summary>
    public AssistantOptions Options(string model = "test-model") =>
        new() { Provider = AiProvider.OpenAICompatible, Endpoint = Endpoint, Model = model, TimeoutSeconds = 30 };

    /// <summary>The app's real pipeline over the real OpenAI client, pointing here.</summary>
    public static AssistantChatClients ClientsFor(AssistantOptions options)
    {
        var services = new ServiceCollection().AddModelHttpClient(options).BuildServiceProvider(); // the app's resilient HttpClient
        return new(options, new OpenAICompatibleModelClientFactory(options, services.GetRequiredService<IHttpClientFactory>()), NullLoggerFactory.Instance, services);
    }

    /// <summary>The text the client sent as one role's message (system or user) in a request.</summary>
    public static string MessageOf(JsonObject request, string role) =>
        string.Concat(request["messages"]!.AsArray().Where(m => m!["role"]!.GetValue<string>() == role).Select(m => ContentOf(m!.AsObject())));

    /// <summary>The names of the tools a request offered, comma-separated.</summary>
    public static string ToolNamesOf(JsonObject request) =>
        string.Join(',', request["tools"]?.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()) ?? []);

    private async Task HandleAsync(HttpContext http, CancellationToken stopping)
    {
        var request = (await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted))!.AsObject();
        Requests.Enqueue(request);
        await AnswerAsync(http, request, script(request), stopping);
    }

    private async Task AnswerAsync(HttpContext http, JsonObject request, Reply reply, CancellationToken stopping)
    {
        switch (reply)
        {
            case HeldReply hold:
                // Read the release before counting: a ReleaseHeld that sees this request in Held must release it.
                var released = Volatile.Read(ref release).Task;
                Interlocked.Increment(ref held);
                try
                {
                    if (!await WaitAsync(released, http, stopping)) return;
                }
                finally { Interlocked.Decrement(ref held); }
                await AnswerAsync(http, request, hold.Answer, stopping);
                break;
            case HangReply:
                await WaitAsync(Task.Delay(Timeout.Infinite, CancellationToken.None), http, stopping);
                break;
            case StatusReply status:
                http.Response.StatusCode = status.Code;
                await http.Response.WriteAsJsonAsync(new JsonObject
                {
                    ["error"] = new JsonObject { ["message"] = "scripted failure", ["type"] = "server_error" },
                }, http.RequestAborted);
                break;
            case MalformedReply:
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync("""{"id": "chatcmpl-1", "choices": [{"index": 0, "message": {"role": "assistant", "content": "half an ans""", http.RequestAborted);
                break;
            case TextReply or ToolCallReply when request["stream"]?.GetValue<bool>() == true:
                await StreamAsync(http, request, reply);
                break;
            case TextReply or ToolCallReply:
                var call = reply as ToolCallReply;
                var message = new JsonObject { ["role"] = "assistant", ["content"] = (reply as TextReply)?.Content };
                if (call is not null) message["tool_calls"] = new JsonArray(ToolCallOf(call));
                var completion = Envelope(request, "chat.completion", "message", message, call is null ? "stop" : "tool_calls");
                completion["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 };
                await http.Response.WriteAsJsonAsync(completion, http.RequestAborted);
                break;
        }
    }

    /// <summary>Server-sent events: a tool call in one chunk, text a word a chunk, then the finish and [DONE].</summary>
    private async Task StreamAsync(HttpContext http, JsonObject request, Reply reply)
    {
        http.Response.ContentType = "text/event-stream";
        async Task Send(JsonObject delta, string? finish)
        {
            await http.Response.WriteAsync($"data: {Envelope(request, "chat.completion.chunk", "delta", delta, finish).ToJsonString()}\n\n");
            await http.Response.Body.FlushAsync();
        }

        if (reply is ToolCallReply call)
        {
            var toolCall = ToolCallOf(call);
            toolCall["index"] = 0;
            await Send(new JsonObject { ["role"] = "assistant", ["tool_calls"] = new JsonArray(toolCall) }, null);
            await Send(new JsonObject(), "tool_calls");
        }
        else
        {
            foreach (var word in ((TextReply)reply).Content.Split(' '))
                await Send(new JsonObject { ["role"] = "assistant", ["content"] = word + " " }, null);
            await Send(new JsonObject(), "stop");
        }
        await http.Response.WriteAsync("data: [DONE]\n\n");
    }

    private JsonObject ToolCallOf(ToolCallReply call) => new()
    {
        ["id"] = $"call_{Requests.Count}", ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
    };

    /// <summary>A completion (<paramref name="part"/> "message") or a streamed chunk of one ("delta").</summary>
    private static JsonObject Envelope(JsonObject request, string kind, string part, JsonObject content, string? finish) => new()
    {
        ["id"] = "chatcmpl-1", ["object"] = kind, ["created"] = 1_700_000_000, ["model"] = request["model"]?.GetValue<string>() ?? "model",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, [part] = content, ["finish_reason"] = finish }),
    };

    /// <summary>Waits for <paramref name="until"/>; false, with the connection dropped, if the client gave up or the server went down first.</summary>
    private static async Task<bool> WaitAsync(Task until, HttpContext http, CancellationToken stopping)
    {
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        try
        {
            await until.WaitAsync(giveUp.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            http.Abort();
            return false;
        }
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
}
