using Microsoft.EntityFrameworkCore;
using Socializer.Core.Data;

namespace Socializer.Core.Chat;

/// <summary>Invites to group rooms: a member invites, the invitee accepts (no password needed) or declines.</summary>
public sealed class InviteService(IDbContextFactory<AppDbContext> dbFactory, IChatBus bus, RoomService rooms)
{
    public async Task<InviteView> InviteAsync(int roomId, string inviterId, string? inviteeId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(inviteeId)) throw ChatException.Invalid("Say whom to invite (userId).");
        if (inviteeId == inviterId) throw ChatException.Invalid("You are already in this room.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ChatRules.RequireMemberAsync(db, roomId, inviterId, ct);
        var room = await db.Rooms.FirstAsync(r => r.Id == roomId, ct);
        if (room.Type != RoomType.Group) throw ChatException.Invalid("Only group rooms take invites.");
        if (!await db.Users.AnyAsync(u => u.Id == inviteeId, ct)) throw ChatException.NotFound("No such user.");
        if (await db.RoomMembers.AnyAsync(m => m.RoomId == roomId && m.UserId == inviteeId && m.IsActive, ct))
            throw ChatException.Invalid("That person is already a member.");

        var invite = await db.RoomInvites.FirstOrDefaultAsync(i => i.RoomId == roomId && i.InviteeId == inviteeId && i.Status == InviteStatus.Pending, ct);
        if (invite is null)
        {
            invite = new RoomInvite { RoomId = roomId, InviterId = inviterId, InviteeId = inviteeId };
            db.RoomInvites.Add(invite);
            await db.SaveChangesAsync(ct);
        }
        var view = new InviteView(invite.Id, roomId, (await ChatRules.RoomNamesAsync(db, inviteeId, [roomId], ct))[roomId],
            await ChatRules.DisplayNameAsync(db, inviterId, ct), invite.CreatedAt);
        await bus.PublishAsync(new InviteReceived(inviteeId, view), ct);
        return view;
    }

    public async Task<IReadOnlyList<InviteView>> PendingAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invites = await db.RoomInvites
            .Where(i => i.InviteeId == userId && i.Status == InviteStatus.Pending)
            .OrderByDescending(i => i.CreatedAt)
            .Select(i => new { i.Id, i.RoomId, Inviter = i.Inviter!.DisplayName != "" ? i.Inviter.DisplayName : i.Inviter.UserName, i.CreatedAt })
            .ToListAsync(ct);
        var names = await ChatRules.RoomNamesAsync(db, userId, [.. invites.Select(i => i.RoomId).Distinct()], ct);
        return [.. invites.Select(i => new InviteView(i.Id, i.RoomId, names[i.RoomId], i.Inviter ?? "", i.CreatedAt))];
    }

    /// <summary>Accepts the user's own pending invite: joins (or rejoins) the room without its password.</summary>
    public async Task<RoomSummary> AcceptAsync(int inviteId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invite = await OwnPendingAsync(db, inviteId, userId, ct);
        var room = await db.Rooms.FirstAsync(r => r.Id == invite.RoomId, ct);
        var membership = await db.RoomMembers.FirstOrDefaultAsync(m => m.RoomId == room.Id && m.UserId == userId, ct);
        if (membership is not { IsActive: true }) await RoomService.AddMemberAsync(db, room, userId, membership, ct);
        invite.Status = InviteStatus.Accepted;
        invite.RespondedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        await rooms.PublishJoinedAsync(db, room.Id, userId, ct);
        return await rooms.GetRoomAsync(room.Id, userId, ct);
    }

    public async Task DeclineAsync(int inviteId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invite = await OwnPendingAsync(db, inviteId, userId, ct);
        invite.Status = InviteStatus.Declined;
        invite.RespondedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new RoomListChanged(userId), ct);
    }

    // The invitee is part of the query: someone else's invite id looks exactly like a missing one.
    private static async Task<RoomInvite> OwnPendingAsync(AppDbContext db, int inviteId, string userId, CancellationToken ct) =>
        await db.RoomInvites.FirstOrDefaultAsync(i => i.Id == inviteId && i.InviteeId == userId && i.Status == InviteStatus.Pending, ct)
        ?? throw ChatException.NotFound("No such pending invite.");
}
