using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Health;
using Socializer.Tests.Support;

namespace Socializer.Tests.Reliability;

/// <summary>
/// Another process holds the SQLite write lock for longer than the busy timeout: API writes fail cleanly with 503
/// problem details and Retry-After, nothing is half-written, reads keep working, and writes work again by themselves
/// once the lock is released.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class DatabaseBusyTests
{
    private sealed class ShortBusyTimeoutApp : SocializerAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:BusyTimeoutMs", "500");
        }
    }

    private const string CountMessages = "SELECT COUNT(*) FROM Messages";
    private const string CountIndexed = "SELECT COUNT(*) FROM MessagesFts";
    private const string CountAiMessages = "SELECT COUNT(*) FROM AiMessages";

    [Fact]
    public async Task Writes_during_a_long_foreign_write_lock_are_503_change_nothing_and_work_again_after_it()
    {
        await using var app = new ShortBusyTimeoutApp();
        var (client, _) = await app.SignedInClientAsync("busy@example.com");
        var general = (await client.GetFromJsonAsync<JsonElement>("/api/rooms"))[0].GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/rooms/{general}/messages", new { content = "before the lock" })).StatusCode);
        var (messages, indexed, aiMessages) = (await DatabaseLock.CountAsync(app.DatabasePath, CountMessages),
            await DatabaseLock.CountAsync(app.DatabasePath, CountIndexed), await DatabaseLock.CountAsync(app.DatabasePath, CountAiMessages));

        HttpResponseMessage[] refused;
        await using (await DatabaseLock.TakeAsync(app.DatabasePath))
        {
            refused = await Task.WhenAll(
                Enumerable.Range(0, 4).Select(i => client.PostAsJsonAsync($"/api/rooms/{general}/messages", new { content = $"during the lock {i}" }))
                    .Append(client.PostAsJsonAsync("/api/ai-chat", new { message = "remember that I like tea" })));

            // Reading still works while someone else writes.
            var history = await client.GetAsync($"/api/rooms/{general}/messages");
            Assert.Equal(HttpStatusCode.OK, history.StatusCode);
            Assert.Equal(messages, await DatabaseLock.CountAsync(app.DatabasePath, CountMessages));
        }

        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            var problem = await response.ReadProblemAsync();
            Assert.Equal("The database is busy.", problem.GetProperty("title").GetString());
            Assert.Contains("Nothing was changed", problem.GetProperty("detail").GetString());
        }
        Assert.Equal(messages, await DatabaseLock.CountAsync(app.DatabasePath, CountMessages));
        Assert.Equal(indexed, await DatabaseLock.CountAsync(app.DatabasePath, CountIndexed));
        Assert.Equal(aiMessages, await DatabaseLock.CountAsync(app.DatabasePath, CountAiMessages));
        Assert.Equal("ok", await IntegrityAsync(app.DatabasePath));

        // No restart, no intervention: the next write simply works.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/rooms/{general}/messages", new { content = "after the lock" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/ai-chat", new { message = "remember that I like tea" })).StatusCode);
        Assert.Equal(messages + 1, await DatabaseLock.CountAsync(app.DatabasePath, CountMessages));
        Assert.Equal(indexed + 1, await DatabaseLock.CountAsync(app.DatabasePath, CountIndexed));

        var contexts = app.Services.GetRequiredService<ContextTracker>();
        var connections = app.Services.GetRequiredService<ConnectionTracker>();
        await Eventually.TrueAsync(() => contexts.LiveCount == 0, "every DbContext disposed");
        await Eventually.TrueAsync(() => connections.OpenCount == 0 && connections.TransactionCount == 0, "every connection and transaction closed");
    }

    internal static async Task<string> IntegrityAsync(string databasePath)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
