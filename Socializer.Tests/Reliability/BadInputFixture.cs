using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Data;
using Socializer.Core.Memory;
using Socializer.Tests.Support;

namespace Socializer.Tests.Reliability;

/// <summary>
/// One app with two users and something of each kind that belongs to Ana: a private room with a message, an
/// invite for Ben, an assistant conversation, a memory item and a life event. Ben is the stranger who guesses ids.
/// </summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    public SocializerAppFactory App { get; } = new();
    public HttpClient Ana { get; private set; } = default!;
    public HttpClient Ben { get; private set; } = default!;
    public HttpClient Carl { get; private set; } = default!;
    public HttpClient Admin { get; private set; } = default!;
    public HttpClient Anonymous { get; private set; } = default!;
    public string AnaId { get; private set; } = "";
    public string BenId { get; private set; } = "";
    public int RoomId { get; private set; }
    public long MessageId { get; private set; }
    public int InviteId { get; private set; }
    public int ConversationId { get; private set; }
    public int MemoryId { get; private set; }
    public int LifeEventId { get; private set; }

    public async Task InitializeAsync()
    {
        (Ana, _) = await App.SignedInClientAsync("bad-ana@example.com");
        (Ben, _) = await App.SignedInClientAsync("bad-ben@example.com");
        (Carl, _) = await App.SignedInClientAsync("bad-carl@example.com");
        (Admin, _) = await App.SignedInClientAsync(SocializerAppFactory.AdminEmail, SocializerAppFactory.AdminPassword);
        Anonymous = App.CreateClient();
        AnaId = await IdAsync(Ana);
        BenId = await IdAsync(Ben);

        var room = await ReadAsync(await Ana.PostAsJsonAsync("/api/rooms", new { name = "ana's room", inviteeIds = new[] { BenId }, aiEnabled = false }));
        RoomId = room.GetProperty("id").GetInt32();
        MessageId = (await ReadAsync(await Ana.PostAsJsonAsync($"/api/rooms/{RoomId}/messages", new { content = "ana's secret" }))).GetProperty("id").GetInt64();
        InviteId = (await ReadAsync(await Ben.GetAsync("/api/invites"))).EnumerateArray().Single(i => i.GetProperty("roomId").GetInt32() == RoomId).GetProperty("id").GetInt32();
        ConversationId = (await ReadAsync(await Ana.PostAsJsonAsync("/api/ai-chat", new { message = "Hello" }))).GetProperty("conversationId").GetInt32();
        LifeEventId = (await ReadAsync(await Ana.PostAsJsonAsync("/api/me/life-events", new { title = "Moved to Lisbon", category = "home", occurredOn = "2024-05-01" }))).GetProperty("id").GetInt32();
        var memory = App.Services.GetRequiredService<MemoryService>();
        await memory.RememberAsync(AnaId, "favourite food", "pastel de nata");
        MemoryId = (await memory.ListAsync(AnaId)).Single().Id;
    }

    /// <summary>Everything a request could have stored or changed, as one comparable text.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var messages = await db.Messages.OrderBy(m => m.Id).Select(m => m.Id + ":" + m.Content + ":" + m.EditedAt + ":" + m.DeletedAt).ToListAsync();
        var rooms = await db.Rooms.OrderBy(r => r.Id).Select(r => r.Id + ":" + r.Name).ToListAsync();
        var members = await db.RoomMembers.CountAsync(m => m.IsActive);
        var invites = await db.RoomInvites.OrderBy(i => i.Id).Select(i => i.Id + ":" + i.Status).ToListAsync();
        var conversations = await db.AiConversations.OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Title + ":" + c.UpdatedAt).ToListAsync();
        var aiMessages = await db.AiMessages.CountAsync();
        var memory = await db.MemoryFacts.OrderBy(f => f.Id).Select(f => f.Id + ":" + f.Key + ":" + f.Value + ":" + f.Category).ToListAsync();
        var events = await db.LifeEvents.OrderBy(e => e.Id).Select(e => e.Id + ":" + e.UpdatedAt).ToListAsync();
        var users = await db.Users.OrderBy(u => u.Id).Select(u => u.Id + ":" + u.AiTemperature + ":" + u.PreferredModel + ":" + u.PreferredLanguage + ":" + u.PasswordHash).ToListAsync();
        return string.Join("\n", [.. messages, .. rooms, members.ToString(System.Globalization.CultureInfo.InvariantCulture), .. invites, .. conversations, aiMessages.ToString(System.Globalization.CultureInfo.InvariantCulture), .. memory, .. events, .. users]);
    }

    public Task DisposeAsync() => App.DisposeAsync().AsTask();

    private static async Task<string> IdAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetString()!;

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
