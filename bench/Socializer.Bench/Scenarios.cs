using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Socializer.Core.Chat;

namespace Socializer.Bench;

/// <summary>The benchmark's sections, each a small function over the running app.</summary>
public static class Scenarios
{
    /// <summary>Half the load calls a database tool (one quarter writes a fact, one quarter reads facts), half is a greeting.</summary>
    public static string MessageFor(int i) => (i % 4) switch
    {
        0 => "remember that my colour is blue",
        1 => "what do you know about me",
        _ => "Hello",
    };

    public static async Task<string?> SendAiChatAsync(HttpClient client, string token, string message, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ai-chat") { Content = JsonContent.Create(new { message }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
    }

    public static async Task<string?> SendCeilingAsync(HttpClient client, int user, string message, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/chat", new CeilingRequest($"u{user}", message), ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
    }

    public static async Task<IReadOnlyList<MessageCheck>> CheckMessagesAsync(HttpClient client, string token)
    {
        var checks = new List<MessageCheck>();
        foreach (var message in new[] { MessageFor(0), MessageFor(1), MessageFor(2) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ai-chat") { Content = JsonContent.Create(new { message }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            checks.Add(new MessageCheck(message, [.. json.GetProperty("toolsUsed").EnumerateArray().Select(t => t.GetString()!)],
                json.GetProperty("response").GetString()!));
        }
        return checks;
    }

    /// <summary>The origin report's test: <c>parallel</c> AI requests at once, no pause, <c>rounds</c> times back to back.</summary>
    public static async Task<OriginResult> OriginAsync(HttpClient client, IReadOnlyList<(string Token, string UserId)> users, string adminToken, int rounds, int parallel)
    {
        var succeeded = 0;
        var errors = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var backToZero = 0;
        var maxLive = 0;
        var maxOpen = 0;
        var roundMs = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var results = await Task.WhenAll(Enumerable.Range(0, parallel).Select(async i =>
            {
                try { return await SendAiChatAsync(client, users[i % users.Count].Token, MessageFor(i), CancellationToken.None); }
                catch (Exception e) { return e.GetType().Name; }
            }));
            roundMs.Add(clock.Elapsed.TotalMilliseconds);
            foreach (var error in results)
            {
                if (error is null) succeeded++;
                else errors[error] = errors.GetValueOrDefault(error) + 1;
            }
            var pool = await SocializerUnderTest.ReadPoolAsync(client, adminToken);
            if (pool.LiveContexts == 0 && pool.OpenConnections == 0) backToZero++;
            maxLive = Math.Max(maxLive, pool.LiveContexts);
            maxOpen = Math.Max(maxOpen, pool.OpenConnections);
        }
        var sorted = roundMs.Order().ToArray();
        return new OriginResult(rounds, parallel, succeeded, rounds * parallel - succeeded, errors, backToZero, maxLive, maxOpen,
            LoadGenerator.Percentile(sorted, 0.5), sorted[^1]);
    }

    /// <summary>
    /// Fan-out on the app's bus class: <c>subscribers</c> room subscriptions, each behind its own Blazor
    /// <see cref="Dispatcher"/> (what a circuit's InvokeAsync uses), timed from PublishAsync to the last handler run.
    /// A bus of its own, so the app's server-side all-room listeners do not react to made-up messages.
    /// </summary>
    public static async Task<FanOutResult> FanOutAsync(int subscribers, int messages)
    {
        const int roomId = 1;
        var bus = new InMemoryChatBus(NullLogger<InMemoryChatBus>.Instance);
        var round = new FanOutRound();
        var subscriptions = Enumerable.Range(0, subscribers).Select(i =>
        {
            var dispatcher = Dispatcher.CreateDefault();
            return bus.SubscribeToRoom(roomId, $"member-{i}", e => dispatcher.InvokeAsync(() =>
            {
                _ = ((MessagePosted)e).Message.Content; // a component would apply the event to its own state here
                round.Delivered();
            }));
        }).ToList();

        var warmup = Math.Min(20, messages);
        var latencies = new List<double>();
        for (var m = 0; m < warmup + messages; m++)
        {
            var view = new MessageView(m + 1, roomId, SenderType.User, "member-0", "Member 0", $"Message {m}", DateTime.UtcNow, null, false);
            var delivered = round.Start(subscribers);
            var started = Stopwatch.GetTimestamp();
            await bus.PublishAsync(new MessagePosted(roomId, view, RoomAiEnabled: false));
            var last = await delivered;
            if (m >= warmup) latencies.Add((last - started) * 1000.0 / Stopwatch.Frequency);
        }
        foreach (var subscription in subscriptions) subscription.Dispose();
        var sorted = latencies.Order().ToArray();
        return new FanOutResult(subscribers, messages, LoadGenerator.Percentile(sorted, 0.5), LoadGenerator.Percentile(sorted, 0.99), sorted[^1]);
    }

    private sealed class FanOutRound
    {
        private int remaining;
        private TaskCompletionSource<long> done = new();

        public Task<long> Start(int expected)
        {
            done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref remaining, expected);
            return done.Task;
        }

        public void Delivered()
        {
            if (Interlocked.Decrement(ref remaining) == 0) done.TrySetResult(Stopwatch.GetTimestamp());
        }
    }

    private static readonly string[] Vocabulary =
    [
        "hello", "coffee", "meeting", "tomorrow", "weekend", "project", "music", "dinner", "thanks", "great", "idea", "plan",
        "movie", "train", "office", "garden", "book", "walk", "rain", "sunny", "birthday", "party", "family", "holiday",
        "question", "answer", "funny", "later", "today", "friend", "team", "lunch", "game", "travel", "photo", "news",
        "work", "happy", "busy", "home",
    ];

    /// <summary>
    /// History and search through <see cref="MessageService"/> as the room grows to each size. Rows are bulk-inserted
    /// with raw SQL (the FTS triggers still run for every row); every 1,000th message holds the rare word "zebra",
    /// about one in five holds the common word "coffee".
    /// </summary>
    public static async Task<IReadOnlyList<HistoryResult>> HistoryAsync(SocializerUnderTest app, string userId, IReadOnlyList<int> sizes, int repeats, TextWriter log)
    {
        var rooms = app.Services.GetRequiredService<RoomService>();
        var messages = app.Services.GetRequiredService<MessageService>();
        var room = await rooms.CreateGroupAsync(userId, new NewGroupRoom("History benchmark", []));
        var results = new List<HistoryResult>();
        var stored = 0;
        var random = new Random(42);
        foreach (var size in sizes)
        {
            var clock = Stopwatch.StartNew();
            if (app.IsPostgres) await PostgresServer.InsertMessagesAsync(app.PostgresConnectionString, room.Id, userId, stored, size - stored, random, Vocabulary);
            else await InsertMessagesAsync(app.DatabasePath, room.Id, userId, stored, size - stored, random);
            var insertSeconds = clock.Elapsed.TotalSeconds;
            stored = size;

            var latest = await messages.HistoryAsync(room.Id, userId);
            var oldestShown = latest.Messages[0].Id;
            var rareHits = (await messages.SearchAsync(userId, "zebra")).Count;
            var commonHits = (await messages.SearchAsync(userId, "coffee")).Count;
            var result = new HistoryResult(size, insertSeconds, app.IsPostgres ? await PostgresServer.DatabaseBytesAsync(app.PostgresConnectionString) : DatabaseBytes(app.DatabasePath),
                await TimeAsync(repeats, () => messages.HistoryAsync(room.Id, userId)),
                await TimeAsync(repeats, () => messages.HistoryAsync(room.Id, userId, before: oldestShown)),
                await TimeAsync(repeats, () => messages.SearchAsync(userId, "zebra")), rareHits,
                await TimeAsync(repeats, () => messages.SearchAsync(userId, "coffee")), commonHits);
            log.WriteLine($"  history {size,9:N0}: latest-50 {result.Latest50.MedianMs:F2} ms, page back {result.PageBack.MedianMs:F2} ms, " +
                          $"search rare {result.SearchRare.MedianMs:F2} ms, common {result.SearchCommon.MedianMs:F2} ms (insert {insertSeconds:F1} s)");
            results.Add(result);
        }
        return results;
    }

    private static async Task InsertMessagesAsync(string databasePath, int roomId, string userId, int alreadyStored, int count, Random random)
    {
        const int batch = 20_000;
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        for (var done = 0; done < count; done += batch)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO Messages (RoomId, SenderType, SenderId, Content, CreatedAt) VALUES ($room, 0, $sender, $content, $at)";
            insert.Parameters.AddWithValue("$room", roomId);
            insert.Parameters.AddWithValue("$sender", userId);
            var content = insert.Parameters.Add("$content", SqliteType.Text);
            var at = insert.Parameters.Add("$at", SqliteType.Text);
            for (var i = done; i < Math.Min(count, done + batch); i++)
            {
                var n = alreadyStored + i;
                var words = Enumerable.Range(0, 8).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]);
                content.Value = string.Join(' ', n % 1000 == 999 ? words.Append("zebra") : words);
                at.Value = start.AddSeconds(n).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                await insert.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
    }

    private static long DatabaseBytes(string databasePath) =>
        new[] { databasePath, databasePath + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length);

    private static async Task<Timing> TimeAsync<T>(int repeats, Func<Task<T>> operation)
    {
        await operation(); // warm: plan cache and page cache
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(times);
        return new Timing(LoadGenerator.Percentile(times, 0.5), times[^1]);
    }
}
