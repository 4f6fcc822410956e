using Microsoft.EntityFrameworkCore;
using Socializer.Core.Data;

namespace Socializer.Core.Chat;

/// <summary>Rules and lookups the chat services share; every method works inside the caller's own context.</summary>
internal static class ChatRules
{
    public const int GeneralRoomId = 1;
    public const int MaxMembersPerRoom = 100;
    public const int PasswordMinLength = 4;
    public const int PasswordMaxLength = 128;

    /// <summary>
    /// Throws unless the user is an active member. Everyone belongs to general: a user who predates the
    /// onboarding step (the seeded admin, say) gets the seat here, lazily, the first time it matters.
    /// Non-members get "not found" so they learn nothing about private rooms.
    /// </summary>
    public static async Task RequireMemberAsync(AppDbContext db, int roomId, string userId, CancellationToken ct)
    {
        if (await db.RoomMembers.AnyAsync(m => m.RoomId == roomId && m.UserId == userId && m.IsActive, ct)) return;
        if (roomId == GeneralRoomId && await EnsureGeneralMembershipAsync(db, userId, ct)) return;
        throw ChatException.NotFound("No such room, or you are not a member of it.");
    }

    /// <summary>Adds (or reactivates) the user's seat in general. False when the user does not exist.</summary>
    public static async Task<bool> EnsureGeneralMembershipAsync(AppDbContext db, string userId, CancellationToken ct)
    {
        var member = await db.RoomMembers.FirstOrDefaultAsync(m => m.RoomId == GeneralRoomId && m.UserId == userId, ct);
        if (member is { IsActive: true }) return true;
        if (member is null)
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return false;
            db.RoomMembers.Add(new RoomMember
            {
                RoomId = GeneralRoomId,
                UserId = userId,
                LastReadMessageId = await LatestMessageIdAsync(db, GeneralRoomId, ct),
            });
        }
        else
        {
            member.IsActive = true;
            member.LeftAt = null;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two first requests of the same user raced; the other one added the seat.
            db.ChangeTracker.Clear();
        }
        return true;
    }

    public static async Task<long> LatestMessageIdAsync(AppDbContext db, int roomId, CancellationToken ct) =>
        await db.Messages.Where(m => m.RoomId == roomId).MaxAsync(m => (long?)m.Id, ct) ?? 0;

    public static async Task<string> DisplayNameAsync(AppDbContext db, string userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName != "" ? u.DisplayName : u.UserName).FirstOrDefaultAsync(ct) ?? "Someone";

    /// <summary>
    /// Room names as the given user sees them: a direct chat is named after the other person, an unnamed group
    /// after its members.
    /// </summary>
    public static async Task<Dictionary<int, string>> RoomNamesAsync(AppDbContext db, string userId, IReadOnlyCollection<int> roomIds, CancellationToken ct)
    {
        var rooms = await db.Rooms.Where(r => roomIds.Contains(r.Id)).Select(r => new { r.Id, r.Type, r.Name }).ToListAsync(ct);
        var unnamed = rooms.Where(r => r.Type == RoomType.Direct || string.IsNullOrWhiteSpace(r.Name)).Select(r => r.Id).ToList();
        var others = await db.RoomMembers
            .Where(m => unnamed.Contains(m.RoomId) && m.UserId != userId)
            .OrderBy(m => m.JoinedAt)
            .Select(m => new { m.RoomId, Name = m.User!.DisplayName != "" ? m.User.DisplayName : m.User.UserName })
            .ToListAsync(ct);
        return rooms.ToDictionary(r => r.Id, r =>
        {
            if (r.Type != RoomType.Direct && !string.IsNullOrWhiteSpace(r.Name)) return r.Name;
            var names = others.Where(o => o.RoomId == r.Id).Select(o => o.Name ?? "").Take(3).ToList();
            return r.Type == RoomType.Direct
                ? names.FirstOrDefault() ?? "Direct chat"
                : names.Count == 0 ? "Group chat" : string.Join(", ", names);
        });
    }

    public static string? NormalizeRoomName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (Security.UserText.Problem(trimmed) is { } problem) throw ChatException.Invalid(problem);
        if (trimmed.Length > Room.NameMaxLength)
            throw ChatException.Invalid($"A room name can have at most {Room.NameMaxLength} characters.");
        return trimmed;
    }

    /// <summary>Trims the content and enforces the limits; the message to the user says which one.</summary>
    public static string NormalizeContent(string? content)
    {
        var trimmed = content?.Trim() ?? "";
        if (trimmed.Length == 0) throw ChatException.Invalid("A message can't be empty.");
        if (Security.UserText.Problem(trimmed) is { } problem) throw ChatException.Invalid(problem);
        if (trimmed.Length > Message.ContentMaxLength)
            throw ChatException.Invalid($"A message can have at most {Message.ContentMaxLength:N0} characters (this one has {trimmed.Length:N0}).");
        return trimmed;
    }
}
