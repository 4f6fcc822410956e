using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Socializer.Core.Accounts;
using Socializer.Core.Chat;
using Socializer.Core.Translation;

namespace Socializer.Tests.Support;

/// <summary>The chat services over a real migrated SQLite database, with a bus that records what it delivers.</summary>
public sealed class ChatFixture : IAsyncDisposable
{
    private ChatFixture(TestDatabase database)
    {
        Database = database;
        Bus = new InMemoryChatBus(NullLogger<InMemoryChatBus>.Instance);
        Typing = new TypingTracker(Bus, Clock);
        Rooms = new RoomService(database.Factory, Bus, new PasswordHasher<Room>());
        Invites = new InviteService(database.Factory, Bus, Rooms);
        Messages = new MessageService(database.Factory, Bus, Typing, new StopWordLanguageDetector());
    }

    public TestDatabase Database { get; }
    public ManualClock Clock { get; } = new() { FreezeTimers = true };
    public InMemoryChatBus Bus { get; }
    public TypingTracker Typing { get; }
    public RoomService Rooms { get; }
    public InviteService Invites { get; }
    public MessageService Messages { get; }

    public static async Task<ChatFixture> CreateAsync() => new(await TestDatabase.CreateMigratedAsync());

    /// <summary>Adds a user row the way registration would, including the onboarding seat in general.</summary>
    public async Task<string> AddUserAsync(string name)
    {
        await using (var db = await Database.Factory.CreateDbContextAsync())
        {
            db.Users.Add(new AppUser { Id = name + "-id", UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = name, Email = $"{name}@test.local" });
            await db.SaveChangesAsync();
        }
        await new GeneralRoomOnboarding(Rooms).OnUserCreatedAsync(name + "-id", CancellationToken.None);
        return name + "-id";
    }

    public async ValueTask DisposeAsync()
    {
        Typing.Dispose();
        await Database.DisposeAsync();
    }
}
