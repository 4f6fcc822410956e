using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Socializer.Tests.Support;
using Xunit.Abstractions;

namespace Socializer.Tests.Reliability;

/// <summary>
/// The server is SIGKILLed in the middle of concurrent message and assistant traffic, then started again on the same
/// database: every request that was acknowledged is there exactly once, and SQLite's integrity check passes.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class CrashDurabilityTests(ITestOutputHelper output)
{
    private const int Users = 4;
    private const int WorkersPerUser = 3;
    private const int AcknowledgedBeforeKill = 80;

    private sealed record Acknowledged(string Content, int? ConversationId);

    [Fact]
    public async Task Every_acknowledged_message_and_assistant_request_survives_a_SIGKILL_exactly_once()
    {
        var folder = AppProcess.NewFolder();
        var acknowledged = new ConcurrentBag<Acknowledged>();
        var userOf = new ConcurrentDictionary<string, int>();
        int sent = 0, failed = 0, refused = 0;
        var clients = new List<HttpClient>();
        var emails = Enumerable.Range(0, Users).Select(u => $"crash{u}@example.com").ToList();

        await using (var app = await AppProcess.StartAsync(folder))
        {
            foreach (var email in emails) clients.Add(await app.SignedInClientAsync(email));
            var general = (await clients[0].GetFromJsonAsync<JsonElement>("/api/rooms"))[0].GetProperty("id").GetInt32();

            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, Users * WorkersPerUser).Select(w => Task.Run(async () =>
            {
                var user = w % Users;
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var content = $"crash-{w}-{i}";
                    var ai = i % 4 == 3;
                    Interlocked.Increment(ref sent);
                    try
                    {
                        var response = ai
                            ? await clients[user].PostAsJsonAsync("/api/ai-chat", new { message = $"remember that {content} is mine" })
                            : await clients[user].PostAsJsonAsync($"/api/rooms/{general}/messages", new { content });
                        if (response.IsSuccessStatusCode)
                        {
                            var conversationId = ai ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetInt32() : (int?)null;
                            acknowledged.Add(new Acknowledged(ai ? $"remember that {content} is mine" : content, conversationId));
                            userOf[content] = user;
                        }
                        else Interlocked.Increment(ref refused); // e.g. a rate limit: not acknowledged, so not promised
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or JsonException)
                    {
                        Interlocked.Increment(ref failed); // in flight when the server was killed
                        if (stop.IsCancellationRequested) return;
                    }
                }
            })).ToList();

            await Eventually.TrueAsync(() => acknowledged.Count >= AcknowledgedBeforeKill || workers.Any(t => t.IsFaulted),
                "enough traffic acknowledged before the kill", guardSeconds: 180);
            stop.Cancel(); // no new requests from here on; the ones in flight are cut by the kill
            await app.KillAsync(); // SIGKILL, mid-run
            await Task.WhenAll(workers);
        }

        // Straight after the crash, before anything opens the database for writing.
        Assert.Equal("ok", await DatabaseBusyTests.IntegrityAsync(AppProcess.DatabasePath(folder)));

        await using var restarted = await AppProcess.StartAsync(folder);
        var stored = await CountByContentAsync(AppProcess.DatabasePath(folder));
        var messages = acknowledged.Where(a => a.ConversationId is null).ToList();
        var assistant = acknowledged.Where(a => a.ConversationId is not null).ToList();

        var lostMessages = messages.Count(m => !stored.ContainsKey(m.Content));
        Assert.Equal(0, lostMessages);
        Assert.All(stored, s => Assert.Equal(1, s.Value)); // none twice, acknowledged or not

        var lostAssistant = 0;
        foreach (var request in assistant)
        {
            using var client = await restarted.SignedInClientAsync(emails[userOf[request.Content.Split(' ')[2]]]);
            var conversation = await client.GetFromJsonAsync<JsonElement>($"/api/ai-chat/conversations/{request.ConversationId}");
            var turns = conversation.GetProperty("messages").EnumerateArray().ToList();
            if (turns.Count(t => t.GetProperty("content").GetString() == request.Content) != 1 || turns.All(t => t.GetProperty("role").GetString() != "Assistant"))
                lostAssistant++;
        }
        Assert.Equal(0, lostAssistant);

        // The restarted server takes writes as usual.
        using (var client = await restarted.SignedInClientAsync(emails[0]))
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/rooms/1/messages", new { content = "after the crash" })).StatusCode);
        Assert.Equal("ok", await DatabaseBusyTests.IntegrityAsync(AppProcess.DatabasePath(folder)));

        var unacknowledgedButStored = stored.Count - messages.Count;
        output.WriteLine($"crash: sent {sent}, acknowledged {acknowledged.Count} ({messages.Count} messages, {assistant.Count} assistant requests), " +
            $"refused {refused}, in flight at the kill {failed}; found after restart {messages.Count - lostMessages} messages and {assistant.Count - lostAssistant} " +
            $"assistant requests; stored but never acknowledged {unacknowledgedButStored}; duplicates 0; lost 0; integrity_check ok");
        foreach (var client in clients) client.Dispose();
    }

    /// <summary>How many times each crash-test message is in the Messages table.</summary>
    private static async Task<Dictionary<string, int>> CountByContentAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Content, COUNT(*) FROM Messages WHERE Content LIKE 'crash-%' GROUP BY Content";
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }
}
