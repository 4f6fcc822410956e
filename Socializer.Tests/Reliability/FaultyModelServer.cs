using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Socializer.Tests.Reliability;

public enum ModelFault
{
    /// <summary>Answers "Echo: ..." like a working model.</summary>
    None,
    /// <summary>Accepts the request and never answers (until the caller gives up).</summary>
    Hang,
    /// <summary>HTTP 500 with an OpenAI-style error body.</summary>
    ServerError,
    /// <summary>HTTP 200 whose body is not JSON.</summary>
    MalformedJson,
    /// <summary>Always asks for a tool that does not exist.</summary>
    UnknownTool,
    /// <summary>Holds every request until <see cref="FaultyModelServer.ReleaseHeld"/>, then answers normally.</summary>
    Hold,
}

/// <summary>
/// An OpenAI-compatible chat-completions server on a fixed loopback port that can misbehave on demand, and can
/// go down completely (nothing listens: connections are refused) and come back on the same address.
/// </summary>
public sealed class FaultyModelServer : IAsyncDisposable
{
    public const string UnknownToolName = "launch_rockets";

    private readonly int port;
    private WebApplication? app;
    private int calls;
    private int held;
    private TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FaultyModelServer(int port) => this.port = port;

    public string Endpoint => $"http://127.0.0.1:{port}/v1";

    public ModelFault Fault { get; set; }

    /// <summary>Requests that reached the server (refused connections never do).</summary>
    public int Calls => Volatile.Read(ref calls);

    /// <summary>Requests waiting in <see cref="ModelFault.Hold"/> now.</summary>
    public int Held => Volatile.Read(ref held);

    public static async Task<FaultyModelServer> StartAsync(ModelFault fault = ModelFault.None)
    {
        var server = new FaultyModelServer(FreePort()) { Fault = fault };
        await server.ComeBackAsync();
        return server;
    }

    /// <summary>Stops listening: from now on connections to <see cref="Endpoint"/> are refused.</summary>
    public async Task GoDownAsync()
    {
        if (app is null) return;
        ReleaseHeld();
        await app.StopAsync();
        await app.DisposeAsync();
        app = null;
    }

    /// <summary>Listens again on the same port, answering like a working model.</summary>
    public async Task ComeBackAsync()
    {
        if (app is not null) return;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/v1/chat/completions", HandleAsync);
        await app.StartAsync();
    }

    public void ReleaseHeld() => Interlocked.Exchange(ref release, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref calls);
        var body = (await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted))!.AsObject();
        var model = body["model"]?.GetValue<string>() ?? "model";
        var last = body["messages"]!.AsArray()[^1]!;
        var text = "Echo: " + last["content"];
        switch (Fault)
        {
            case ModelFault.Hang:
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
                return;
            case ModelFault.ServerError:
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await http.Response.WriteAsJsonAsync(new JsonObject
                {
                    ["error"] = new JsonObject { ["message"] = "the model crashed", ["type"] = "server_error" },
                });
                return;
            case ModelFault.MalformedJson:
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync("""{"id": "chatcmpl-1", "choices": [{"index": 0, "message": {"role": "assistant", "content": "half an ans""");
                return;
            case ModelFault.Hold:
                var released = Volatile.Read(ref release).Task;
                Interlocked.Increment(ref held);
                try { await released.WaitAsync(http.RequestAborted); }
                finally { Interlocked.Decrement(ref held); }
                break;
        }

        var message = new JsonObject { ["role"] = "assistant", ["content"] = Fault == ModelFault.UnknownTool ? null : text };
        if (Fault == ModelFault.UnknownTool)
            message["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = $"call_{Calls}", ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = UnknownToolName, ["arguments"] = "{}" },
            });
        var finish = Fault == ModelFault.UnknownTool ? "tool_calls" : "stop";
        if (body["stream"]?.GetValue<bool>() == true)
        {
            http.Response.ContentType = "text/event-stream";
            if (message["tool_calls"] is JsonArray toolCalls) toolCalls[0]!["index"] = 0;
            var chunk = new JsonObject
            {
                ["id"] = "chatcmpl-1", ["object"] = "chat.completion.chunk", ["created"] = 1_700_000_000, ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = message, ["finish_reason"] = finish }),
            };
            await http.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\ndata: [DONE]\n\n");
            return;
        }
        await http.Response.WriteAsJsonAsync(new JsonObject
        {
            ["id"] = "chatcmpl-1", ["object"] = "chat.completion", ["created"] = 1_700_000_000, ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
        });
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync() => await GoDownAsync();
}
