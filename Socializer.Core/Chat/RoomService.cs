using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Socializer.Core.Data;

namespace Socializer.Core.Chat;

/// <summary>
/// Rooms and membership: the room list with unread counts, creating groups and direct chats, joining (password or
/// invite), leaving and rejoining, deleting (creator only), members, read markers and room subscriptions.
/// Events are published after the commit, to the room's members or the affected user only.
/// </summary>
public sealed class RoomService(IDbContextFactory<AppDbContext> dbFactory, IChatBus bus, IPasswordHasher<Room> passwordHasher)
{
    /// <summary>The user's rooms: general first, then by latest activity, each with the user's unread count.</summary>
    public async Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ChatRules.EnsureGeneralMembershipAsync(db, userId, ct);
        var rows = await db.RoomMembers
            .Where(m => m.UserId == userId && m.IsActive)
            .Select(m => new
            {
                m.Room!.Id,
                m.Room.Type,
                HasPassword = m.Room.PasswordHash != null,
                m.Room.AiEnabled,
                m.Room.IsDiscoverable,
                m.Room.LastActivityAt,
                IsCreator = m.Room.CreatedById == userId,
                MemberCount = db.RoomMembers.Count(x => x.RoomId == m.RoomId && x.IsActive),
                // Own messages are read by definition; assistant messages (no sender) count.
                Unread = db.Messages.Count(x => x.RoomId == m.RoomId && x.Id > m.LastReadMessageId && x.DeletedAt == null
                                                && (x.SenderId == null || x.SenderId != userId)),
            })
            .ToListAsync(ct);
        var names = await ChatRules.RoomNamesAsync(db, userId, [.. rows.Select(r => r.Id)], ct);
        return [.. rows
            .OrderByDescending(r => r.Id == ChatRules.GeneralRoomId)
            .ThenByDescending(r => r.LastActivityAt)
            .Select(r => new RoomSummary(r.Id, r.Type, names[r.Id], r.HasPassword, r.AiEnabled, r.IsDiscoverable,
                r.MemberCount, r.Unread, r.LastActivityAt, r.IsCreator))];
    }

    /// <summary>One room, for a member only.</summary>
    public async Task<RoomSummary> GetRoomAsync(int roomId, string userId, CancellationToken ct = default)
    {
        var rooms = await ListRoomsAsync(userId, ct);
        return rooms.FirstOrDefault(r => r.Id == roomId) ?? throw ChatException.NotFound("No such room, or you are not a member of it.");
    }

    /// <summary>Discoverable rooms the user is not in: names only, never messages.</summary>
    public async Task<IReadOnlyList<DiscoverableRoom>> DiscoverAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Rooms
            .Where(r => r.IsDiscoverable && r.Type == RoomType.Group
                        && !db.RoomMembers.Any(m => m.RoomId == r.Id && m.UserId == userId && m.IsActive))
            .OrderByDescending(r => r.LastActivityAt)
            .Take(100)
            .Select(r => new DiscoverableRoom(r.Id, r.Name ?? "Group chat", r.PasswordHash != null,
                db.RoomMembers.Count(m => m.RoomId == r.Id && m.IsActive)))
            .ToListAsync(ct);
    }

    public async Task<RoomSummary> CreateGroupAsync(string creatorId, NewGroupRoom request, CancellationToken ct = default)
    {
        var name = ChatRules.NormalizeRoomName(request.Name);
        var password = string.IsNullOrEmpty(request.Password) ? null : request.Password;
        if (password is not null && password.Length is < ChatRules.PasswordMinLength or > ChatRules.PasswordMaxLength)
            throw ChatException.Invalid($"A join password must be {ChatRules.PasswordMinLength} to {ChatRules.PasswordMaxLength} characters.");
        var inviteeIds = (request.InviteeIds ?? []).Where(id => !string.IsNullOrWhiteSpace(id) && id != creatorId).Distinct(StringComparer.Ordinal).ToList();
        if (inviteeIds.Count + 1 > ChatRules.MaxMembersPerRoom)
            throw ChatException.Invalid($"A room can have at most {ChatRules.MaxMembersPerRoom} members.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var knownInvitees = await db.Users.Where(u => inviteeIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        if (knownInvitees.Count != inviteeIds.Count) throw ChatException.Invalid("One of the invited users does not exist.");

        var room = new Room
        {
            Type = RoomType.Group,
            Name = name,
            CreatedById = creatorId,
            AiEnabled = request.AiEnabled,
            IsDiscoverable = request.IsDiscoverable,
        };
        if (password is not null) room.PasswordHash = passwordHasher.HashPassword(room, password);
        room.Members.Add(new RoomMember { UserId = creatorId, Role = RoomRole.Owner });
        db.Rooms.Add(room);
        var invites = inviteeIds.Select(id => new RoomInvite { Room = room, InviterId = creatorId, InviteeId = id }).ToList();
        db.RoomInvites.AddRange(invites);
        await db.SaveChangesAsync(ct);

        await bus.PublishAsync(new RoomListChanged(creatorId), ct);
        if (invites.Count > 0)
        {
            var roomName = name ?? "Group chat";
            var inviterName = await ChatRules.DisplayNameAsync(db, creatorId, ct);
            foreach (var invite in invites)
                await bus.PublishAsync(new InviteReceived(invite.InviteeId, new InviteView(invite.Id, room.Id, roomName, inviterName, invite.CreatedAt)), ct);
        }
        return await GetRoomAsync(room.Id, creatorId, ct);
    }

    /// <summary>The direct chat between two people; opening it again returns the same room (and brings both back into it).</summary>
    public async Task<RoomSummary> OpenDirectAsync(string userId, string otherUserId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(otherUserId) || otherUserId == userId)
            throw ChatException.Invalid("Choose someone else to chat with.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == otherUserId, ct)) throw ChatException.NotFound("No such user.");

        var key = Room.MakeDirectKey(userId, otherUserId);
        var room = await db.Rooms.Include(r => r.Members).FirstOrDefaultAsync(r => r.DirectKey == key, ct);
        var isNew = room is null;
        var changed = false;
        if (room is null)
        {
            room = new Room { Type = RoomType.Direct, DirectKey = key, CreatedById = userId, AiEnabled = false };
            room.Members.Add(new RoomMember { UserId = userId, Role = RoomRole.Owner });
            room.Members.Add(new RoomMember { UserId = otherUserId, Role = RoomRole.Owner });
            db.Rooms.Add(room);
            changed = true;
        }
        else
        {
            foreach (var member in room.Members.Where(m => !m.IsActive))
            {
                member.IsActive = true;
                member.LeftAt = null;
                changed = true;
            }
        }
        if (changed)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (isNew)
            {
                // Both people opened the chat at the same moment: the unique DirectKey kept the other one's room; use it.
                return await OpenDirectAsync(userId, otherUserId, ct);
            }
            await bus.PublishAsync(new RoomListChanged(userId), ct);
            await bus.PublishAsync(new RoomListChanged(otherUserId), ct);
        }
        return await GetRoomAsync(room.Id, userId, ct);
    }

    /// <summary>
    /// Joins a room: invited users need no password; others may join discoverable group rooms, giving the password
    /// when one is set. A former member's old membership is reactivated.
    /// </summary>
    public async Task<RoomSummary> JoinAsync(int roomId, string userId, string? password, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (roomId == ChatRules.GeneralRoomId)
        {
            await ChatRules.RequireMemberAsync(db, roomId, userId, ct);
            return await GetRoomAsync(roomId, userId, ct);
        }
        var room = await db.Rooms.FirstOrDefaultAsync(r => r.Id == roomId, ct);
        var membership = await db.RoomMembers.FirstOrDefaultAsync(m => m.RoomId == roomId && m.UserId == userId, ct);
        if (membership is { IsActive: true }) return await GetRoomAsync(roomId, userId, ct);

        var invite = await db.RoomInvites
            .Where(i => i.RoomId == roomId && i.InviteeId == userId && i.Status == InviteStatus.Pending)
            .FirstOrDefaultAsync(ct);
        var directParty = room?.Type == RoomType.Direct && room.DirectKey!.Split('|').Contains(userId);
        if (room is null || (!room.IsDiscoverable && invite is null && !directParty))
            throw ChatException.NotFound("No such room, or it is private: ask a member for an invite.");
        if (invite is null && !directParty && room.PasswordHash is not null)
        {
            if (string.IsNullOrEmpty(password))
                throw ChatException.Forbidden("This room has a join password.");
            if (passwordHasher.VerifyHashedPassword(room, room.PasswordHash, password) == PasswordVerificationResult.Failed)
                throw ChatException.Forbidden("The join password is wrong.");
        }

        await AddMemberAsync(db, room, userId, membership, ct);
        if (invite is not null)
        {
            invite.Status = InviteStatus.Accepted;
            invite.RespondedAt = DateTime.UtcNow;
        }
        await db.SaveChangesAsync(ct);
        await PublishJoinedAsync(db, roomId, userId, ct);
        return await GetRoomAsync(roomId, userId, ct);
    }

    /// <summary>Adds a membership row or reactivates the old one; enforces the member limit. Does not save.</summary>
    internal static async Task AddMemberAsync(AppDbContext db, Room room, string userId, RoomMember? existing, CancellationToken ct)
    {
        var active = await db.RoomMembers.CountAsync(m => m.RoomId == room.Id && m.IsActive, ct);
        var limit = room.Type == RoomType.Direct ? 2 : ChatRules.MaxMembersPerRoom;
        if (active >= limit) throw ChatException.Forbidden($"This room is full ({limit} members).");
        if (existing is null)
        {
            db.RoomMembers.Add(new RoomMember
            {
                RoomId = room.Id,
                UserId = userId,
                LastReadMessageId = await ChatRules.LatestMessageIdAsync(db, room.Id, ct),
            });
        }
        else
        {
            existing.IsActive = true;
            existing.LeftAt = null;
            existing.JoinedAt = DateTime.UtcNow;
        }
    }

    internal async Task PublishJoinedAsync(AppDbContext db, int roomId, string userId, CancellationToken ct)
    {
        var name = await ChatRules.DisplayNameAsync(db, userId, ct);
        await bus.PublishAsync(new MembershipChanged(roomId, userId, name, IsMember: true), ct);
        await bus.PublishAsync(new RoomListChanged(userId), ct);
    }

    /// <summary>Leaves a room. The membership row stays (inactive) so rejoining restores it. Nobody leaves general.</summary>
    public async Task LeaveAsync(int roomId, string userId, CancellationToken ct = default)
    {
        if (roomId == ChatRules.GeneralRoomId) throw ChatException.Invalid("Everyone stays in general; you can leave other rooms.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var membership = await db.RoomMembers.FirstOrDefaultAsync(m => m.RoomId == roomId && m.UserId == userId && m.IsActive, ct)
            ?? throw ChatException.NotFound("No such room, or you are not a member of it.");
        membership.IsActive = false;
        membership.LeftAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);

        var name = await ChatRules.DisplayNameAsync(db, userId, ct);
        await bus.PublishAsync(new MembershipChanged(roomId, userId, name, IsMember: false), ct);
        await bus.PublishAsync(new RoomListChanged(userId), ct);
    }

    /// <summary>Deletes a room with its messages. Only its creator may; general has none.</summary>
    public async Task DeleteAsync(int roomId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var room = await db.Rooms
            .Where(r => r.Id == roomId && r.Members.Any(m => m.UserId == userId && m.IsActive))
            .Select(r => new { r.CreatedById, r.Type })
            .FirstOrDefaultAsync(ct)
            ?? throw ChatException.NotFound("No such room, or you are not a member of it.");
        if (room.CreatedById != userId || room.Type == RoomType.Public)
            throw ChatException.Forbidden("Only the room's creator can delete it.");

        var memberIds = await db.RoomMembers.Where(m => m.RoomId == roomId && m.IsActive).Select(m => m.UserId).ToListAsync(ct);
        // The database cascades to members, invites, messages and translations (and the FTS triggers follow).
        await db.Rooms.Where(r => r.Id == roomId && r.CreatedById == userId).ExecuteDeleteAsync(ct);

        await bus.PublishAsync(new RoomDeleted(roomId), ct);
        foreach (var memberId in memberIds) await bus.PublishAsync(new RoomListChanged(memberId), ct);
    }

    public async Task<IReadOnlyList<MemberView>> MembersAsync(int roomId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ChatRules.RequireMemberAsync(db, roomId, userId, ct);
        return await db.RoomMembers
            .Where(m => m.RoomId == roomId && m.IsActive)
            .OrderBy(m => m.User!.DisplayName).ThenBy(m => m.User!.UserName)
            .Select(m => new MemberView(m.UserId, m.User!.DisplayName != "" ? m.User.DisplayName : m.User.UserName ?? "", m.Role))
            .ToListAsync(ct);
    }

    /// <summary>Moves the user's read marker to the room's newest message (never backwards).</summary>
    public async Task MarkReadAsync(int roomId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ChatRules.RequireMemberAsync(db, roomId, userId, ct);
        var latest = await ChatRules.LatestMessageIdAsync(db, roomId, ct);
        var moved = await db.RoomMembers
            .Where(m => m.RoomId == roomId && m.UserId == userId && m.LastReadMessageId < latest)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastReadMessageId, latest), ct);
        if (moved > 0) await bus.PublishAsync(new RoomListChanged(userId), ct);
    }

    /// <summary>Subscribes a member's circuit to a room's events; non-members get <see cref="ChatException"/>.</summary>
    public async Task<IDisposable> SubscribeToRoomAsync(int roomId, string userId, Func<RoomEvent, Task> handler, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ChatRules.RequireMemberAsync(db, roomId, userId, ct);
        return bus.SubscribeToRoom(roomId, userId, handler);
    }

    /// <summary>Gives a user their seat in general (the onboarding step and lazy backfill both call this).</summary>
    public async Task EnsureGeneralMembershipAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ChatRules.EnsureGeneralMembershipAsync(db, userId, ct);
    }

    /// <summary>People to invite or open a direct chat with, by user name or display name.</summary>
    public async Task<IReadOnlyList<UserView>> FindUsersAsync(string? query, string excludingUserId, CancellationToken ct = default)
    {
        var text = query?.Trim() ?? "";
        if (text.Length > 64) throw ChatException.Invalid("Search for at most 64 characters.");
        var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // SQLite's LIKE ignores (ASCII) case, PostgreSQL's does not: there ILIKE gives the same answers.
        var others = db.Users.Where(u => u.Id != excludingUserId);
        var matches = db.Database.IsNpgsql()
            ? others.Where(u => EF.Functions.ILike(u.UserName!, pattern, "\\") || EF.Functions.ILike(u.DisplayName, pattern, "\\"))
            : others.Where(u => EF.Functions.Like(u.UserName!, pattern, "\\") || EF.Functions.Like(u.DisplayName, pattern, "\\"));
        return await matches
            .OrderBy(u => u.UserName)
            .Take(20)
            .Select(u => new UserView(u.Id, u.UserName ?? "", u.DisplayName != "" ? u.DisplayName : u.UserName ?? ""))
            .ToListAsync(ct);
    }
}
