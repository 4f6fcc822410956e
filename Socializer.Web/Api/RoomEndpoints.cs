using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Socializer.Core.Chat;

namespace Socializer.Web.Api;

public sealed record CreateRoomRequest(string? Name, string[]? InviteeIds, bool? AiEnabled, string? Password, bool? IsDiscoverable, string? DirectWithUserId);
public sealed record JoinRoomRequest(string? Password);
public sealed record InviteRequest(string? UserId);
public sealed record MessageRequest(string? Content);

/// <summary>
/// The people chat over HTTP: rooms, invites, messages, search, users. Bearer only. A chat rule's refusal becomes
/// problem details: 400 for bad input, 403 for "not allowed", 404 for "not there or not yours to see".
/// </summary>
public static class RoomEndpoints
{
    public static void MapRoomEndpoints(this RouteGroupBuilder api)
    {
        var chat = api.MapGroup("").RequireAuthorization(ApiEndpoints.ApiPolicy).WithTags("Chat")
            .AddEndpointFilter(async (context, next) =>
            {
                try { return await next(context); }
                catch (ChatException refused) { return ToProblem(refused); }
            });

        chat.MapGet("/rooms", (ClaimsPrincipal user, RoomService rooms, CancellationToken ct) => rooms.ListRoomsAsync(ApiUser.Id(user), ct));
        chat.MapGet("/rooms/discover", (ClaimsPrincipal user, RoomService rooms, CancellationToken ct) => rooms.DiscoverAsync(ApiUser.Id(user), ct));
        chat.MapPost("/rooms", async (CreateRoomRequest request, ClaimsPrincipal user, RoomService rooms, CancellationToken ct) =>
        {
            var room = request.DirectWithUserId is { } other
                ? await rooms.OpenDirectAsync(ApiUser.Id(user), other, ct)
                : await rooms.CreateGroupAsync(ApiUser.Id(user), new NewGroupRoom(request.Name, request.InviteeIds,
                    request.AiEnabled ?? true, request.Password, request.IsDiscoverable ?? false), ct);
            return TypedResults.Created($"/api/rooms/{room.Id}", room);
        });
        chat.MapGet("/rooms/{id:int}", (int id, ClaimsPrincipal user, RoomService rooms, CancellationToken ct) => rooms.GetRoomAsync(id, ApiUser.Id(user), ct));
        chat.MapPost("/rooms/{id:int}/join", (int id, JoinRoomRequest? request, ClaimsPrincipal user, RoomService rooms, CancellationToken ct) =>
            rooms.JoinAsync(id, ApiUser.Id(user), request?.Password, ct));
        chat.MapPost("/rooms/{id:int}/leave", async (int id, ClaimsPrincipal user, RoomService rooms, CancellationToken ct) =>
        {
            await rooms.LeaveAsync(id, ApiUser.Id(user), ct);
            return TypedResults.NoContent();
        });
        chat.MapDelete("/rooms/{id:int}", async (int id, ClaimsPrincipal user, RoomService rooms, CancellationToken ct) =>
        {
            await rooms.DeleteAsync(id, ApiUser.Id(user), ct);
            return TypedResults.NoContent();
        });
        chat.MapGet("/rooms/{id:int}/members", (int id, ClaimsPrincipal user, RoomService rooms, CancellationToken ct) => rooms.MembersAsync(id, ApiUser.Id(user), ct));
        chat.MapPost("/rooms/{id:int}/read", async (int id, ClaimsPrincipal user, RoomService rooms, CancellationToken ct) =>
        {
            await rooms.MarkReadAsync(id, ApiUser.Id(user), ct);
            return TypedResults.NoContent();
        });
        chat.MapPost("/rooms/{id:int}/invites", async (int id, InviteRequest request, ClaimsPrincipal user, InviteService invites, CancellationToken ct) =>
        {
            var invite = await invites.InviteAsync(id, ApiUser.Id(user), request.UserId, ct);
            return TypedResults.Created($"/api/invites/{invite.Id}", invite);
        });

        chat.MapGet("/invites", (ClaimsPrincipal user, InviteService invites, CancellationToken ct) => invites.PendingAsync(ApiUser.Id(user), ct));
        chat.MapPost("/invites/{id:int}/accept", (int id, ClaimsPrincipal user, InviteService invites, CancellationToken ct) =>
            invites.AcceptAsync(id, ApiUser.Id(user), ct));
        chat.MapPost("/invites/{id:int}/decline", async (int id, ClaimsPrincipal user, InviteService invites, CancellationToken ct) =>
        {
            await invites.DeclineAsync(id, ApiUser.Id(user), ct);
            return TypedResults.NoContent();
        });

        chat.MapGet("/rooms/{id:int}/messages", (int id, long? before, int? limit, ClaimsPrincipal user, MessageService messages, CancellationToken ct) =>
            messages.HistoryAsync(id, ApiUser.Id(user), before, limit ?? MessageService.PageSize, ct));
        chat.MapPost("/rooms/{id:int}/messages", async (int id, MessageRequest request, ClaimsPrincipal user, MessageService messages, CancellationToken ct) =>
        {
            var message = await messages.PostAsync(id, ApiUser.Id(user), request.Content, ct);
            return TypedResults.Created($"/api/messages/{message.Id}", message);
        }).RequireRateLimiting(Security.RateLimits.Messages);
        chat.MapPatch("/messages/{id:long}", (long id, MessageRequest request, ClaimsPrincipal user, MessageService messages, CancellationToken ct) =>
            messages.EditAsync(id, ApiUser.Id(user), request.Content, ct)).RequireRateLimiting(Security.RateLimits.Messages);
        chat.MapDelete("/messages/{id:long}", async (long id, ClaimsPrincipal user, MessageService messages, CancellationToken ct) =>
        {
            await messages.DeleteAsync(id, ApiUser.Id(user), ct);
            return TypedResults.NoContent();
        });

        chat.MapGet("/search", (string? q, ClaimsPrincipal user, MessageService messages, CancellationToken ct) => messages.SearchAsync(ApiUser.Id(user), q, ct));
        chat.MapGet("/users", (string? query, ClaimsPrincipal user, RoomService rooms, CancellationToken ct) => rooms.FindUsersAsync(query, ApiUser.Id(user), ct));
    }

    private static ProblemHttpResult ToProblem(ChatException refused) => refused.Error switch
    {
        ChatError.NotFound => TypedResults.Problem(refused.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found."),
        ChatError.Forbidden => TypedResults.Problem(refused.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed."),
        _ => TypedResults.Problem(refused.Message, statusCode: StatusCodes.Status400BadRequest, title: "The request breaks a chat rule."),
    };
}
