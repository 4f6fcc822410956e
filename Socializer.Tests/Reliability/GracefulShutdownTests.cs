using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Socializer.Tests.Support;
using Xunit.Abstractions;

namespace Socializer.Tests.Reliability;

/// <summary>
/// SIGTERM while assistant requests are in flight (held at a real model server): new connections are refused at once,
/// the requests in flight still complete and their answers are stored, and the process exits cleanly by itself.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class GracefulShutdownTests(ITestOutputHelper output)
{
    private const int InFlight = 4;

    [Fact]
    public async Task Requests_in_flight_at_SIGTERM_complete_and_are_stored_while_new_ones_are_refused()
    {
        await using var model = await ScriptedOpenAIServer.StartAsync(request => ScriptedOpenAIServer.Reply.HeldUntilReleased(ScriptedOpenAIServer.Echo(request)));
        var folder = AppProcess.NewFolder();
        var settings = new Dictionary<string, string>
        {
            ["AI:Provider"] = "OpenAICompatible", ["AI:Endpoint"] = model.Endpoint, ["AI:Model"] = "llama-test", ["AI:TimeoutSeconds"] = "120",
        };
        HttpResponseMessage[] answers;
        var acceptedAfterSigterm = 0;
        await using (var app = await AppProcess.StartAsync(folder, settings))
        {
            using var client = await app.SignedInClientAsync("shutdown@example.com");
            var inFlight = Enumerable.Range(0, InFlight)
                .Select(i => client.PostAsJsonAsync("/api/ai-chat", new { message = $"in flight {i}" })).ToList();
            await Eventually.TrueAsync(() => model.Held == InFlight, "every request waiting at the model");

            await app.TerminateAsync();

            // New connections are refused while the requests in flight are still waiting for the model.
            await Eventually.TrueAsync(() => !ServerAccepts(app, ref acceptedAfterSigterm), "the server stops accepting connections");
            Assert.Equal(InFlight, model.Held);
            Assert.All(inFlight, request => Assert.False(request.IsCompleted));

            model.ReleaseHeld();
            answers = await Task.WhenAll(inFlight);
            await app.WaitForExitAsync();
            Assert.Equal(0, app.ExitCode);
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal("ok", await DatabaseBusyTests.IntegrityAsync(AppProcess.DatabasePath(folder)));

        model.Script(ScriptedOpenAIServer.Echo);
        await using var restarted = await AppProcess.StartAsync(folder, settings);
        using var again = await restarted.SignedInClientAsync("shutdown@example.com");
        var stored = 0;
        foreach (var answer in answers)
        {
            var id = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetInt32();
            var messages = (await again.GetFromJsonAsync<JsonElement>($"/api/ai-chat/conversations/{id}")).GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal(["User", "Assistant"], messages.Select(m => m.GetProperty("role").GetString()));
            Assert.StartsWith("Echo:", messages[1].GetProperty("content").GetString());
            stored++;
        }
        output.WriteLine($"shutdown: in flight at SIGTERM {InFlight}, completed {answers.Count(a => a.IsSuccessStatusCode)}, stored {stored}, " +
            $"accepted after SIGTERM before the listener closed {acceptedAfterSigterm}, exit code 0, integrity_check ok");
    }

    /// <summary>Whether a brand-new connection is accepted (synchronously, so the check is one attempt).</summary>
    private static bool ServerAccepts(AppProcess app, ref int accepted)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        try
        {
            socket.Connect(new Uri(app.BaseUrl).Host, new Uri(app.BaseUrl).Port);
            accepted++;
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
