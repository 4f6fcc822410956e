using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Socializer.Core.Accounts;
using Socializer.Core.Chat;
using Socializer.Core.Coaching;
using Socializer.Core.Privacy;

namespace Socializer.Tests.Support;

/// <summary>Users, room messages and services for coaching, translation and life-event tests.</summary>
public static class CoachingTestData
{
    public static async Task<string> AddUserAsync(this TestDatabase database, string name, Action<AppUser>? configure = null)
    {
        var user = new AppUser
        {
            UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = name,
            Email = $"{name}@test.local", NormalizedEmail = $"{name}@test.local".ToUpperInvariant(),
        };
        configure?.Invoke(user);
        await using var db = await database.Factory.CreateDbContextAsync();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>Stores a user message in a room (the general room by default) and returns its id.</summary>
    public static async Task<long> AddRoomMessageAsync(this TestDatabase database, string? senderId, string content, int roomId = 1, string? language = null)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var message = new Message
        {
            RoomId = roomId, SenderId = senderId, Content = content, Language = language,
            SenderType = senderId is null ? SenderType.Assistant : SenderType.User,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    public static CoachingService NewCoachingService(this TestDatabase database) =>
        new(database.Factory, new HeuristicCommunicationEvaluator(), new LexiconSensitivityChecker(), NullLogger<CoachingService>.Instance);

    public static PersonalDataProtector NewProtector() =>
        new(DataProtectionProvider.Create(
            new DirectoryInfo(Path.Combine(Path.GetTempPath(), "socializer-tests", Guid.NewGuid().ToString("N"))),
            b => b.SetApplicationName("Socializer")));
}
