using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Socializer.Core.Accounts;
using Socializer.Core.Assistant;
using Socializer.Core.Memory;
using Socializer.Web.Components.Assistant;

namespace Socializer.Web.Api;

public sealed record AiChatRequest(string? Message, int? ConversationId);
public sealed record AiChatResponse(string Response, int ConversationId, IReadOnlyList<string> ToolsUsed, string Model);
public sealed record RenameConversationRequest(string? Title);
public sealed record MemoryItemRequest(string? Key, string? Value, MemoryCategory? Category);

/// <summary>
/// The assistant over HTTP (bearer only): <c>POST /api/ai-chat</c>, the user's conversations, and the user's
/// memory and personal settings under <c>/api/me</c>.
/// </summary>
public static class AssistantApiEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    // The body of POST /api/ai-chat is read as JSON whatever Content-Type says: `curl -d '{...}'` sends
    // application/x-www-form-urlencoded, and the origin's acceptance test is exactly that curl.
    private static readonly JsonSerializerOptions ChatJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Nothing of its own any more: the per-user limit is <see cref="Security.RateLimits.Ai"/> (AI:RequestsPerMinutePerUser).</summary>
    public static IServiceCollection AddSocializerAssistantApi(this IServiceCollection services) => services;

    public static void MapAssistantEndpoints(this RouteGroupBuilder root)
    {
        var api = root.MapGroup("").RequireAuthorization(ApiEndpoints.ApiPolicy);

        var chat = api.MapGroup("/ai-chat").WithTags("Assistant");
        chat.MapPost("", PostChatAsync).RequireRateLimiting(Security.RateLimits.Ai);
        chat.MapGet("/conversations", async (ClaimsPrincipal user, ConversationStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListAsync(ApiUser.Id(user), ct)));
        chat.MapGet("/conversations/{id:int}", async Task<IResult> (int id, ClaimsPrincipal user, ConversationStore store, CancellationToken ct) =>
            await store.GetAsync(ApiUser.Id(user), id, ct) is { } c ? TypedResults.Ok(c) : ConversationNotFound(id));
        chat.MapPut("/conversations/{id:int}", async Task<IResult> (int id, RenameConversationRequest request, ClaimsPrincipal user, ConversationStore store, CancellationToken ct) =>
        {
            try
            {
                return await store.RenameAsync(ApiUser.Id(user), id, request.Title ?? "", ct) ? TypedResults.NoContent() : ConversationNotFound(id);
            }
            catch (ArgumentException e) { return Invalid("title", UserFacing.Message(e)); }
        });
        chat.MapDelete("/conversations/{id:int}", async Task<IResult> (int id, ClaimsPrincipal user, ConversationStore store, CancellationToken ct) =>
            await store.DeleteAsync(ApiUser.Id(user), id, ct) ? TypedResults.NoContent() : ConversationNotFound(id));

        var me = api.MapGroup("/me").WithTags("Me");
        me.MapGet("/memory", async (ClaimsPrincipal user, MemoryService memory, CancellationToken ct) =>
            TypedResults.Ok(await memory.ListAsync(ApiUser.Id(user), ct)));
        me.MapGet("/memory/{id:int}", async Task<IResult> (int id, ClaimsPrincipal user, MemoryService memory, CancellationToken ct) =>
            await memory.GetAsync(ApiUser.Id(user), id, ct) is { } item ? TypedResults.Ok(item) : MemoryNotFound(id));
        me.MapPut("/memory/{id:int}", async Task<IResult> (int id, MemoryItemRequest request, ClaimsPrincipal user, MemoryService memory, CancellationToken ct) =>
        {
            try
            {
                var updated = await memory.UpdateAsync(ApiUser.Id(user), id, request.Key ?? "", request.Value ?? "", request.Category ?? MemoryCategory.Fact, ct);
                return updated is null ? MemoryNotFound(id) : TypedResults.Ok(updated);
            }
            catch (ArgumentException e) { return Invalid(e.ParamName ?? "value", UserFacing.Message(e)); }
        });
        me.MapDelete("/memory/{id:int}", async Task<IResult> (int id, ClaimsPrincipal user, MemoryService memory, CancellationToken ct) =>
            await memory.DeleteAsync(ApiUser.Id(user), id, ct) ? TypedResults.NoContent() : MemoryNotFound(id));
        me.MapDelete("/memory", async (ClaimsPrincipal user, MemoryService memory, CancellationToken ct) =>
            TypedResults.Ok(new { forgotten = await memory.ForgetAllAsync(ApiUser.Id(user), ct) }));
        me.MapGet("/settings", async Task<IResult> (ClaimsPrincipal user, UserSettingsService settings, CancellationToken ct) =>
            await settings.GetAsync(ApiUser.Id(user), ct) is { } s ? TypedResults.Ok(s) : TypedResults.Unauthorized());
        me.MapPut("/settings", async Task<IResult> (UserSettings request, ClaimsPrincipal user, UserSettingsService settings, CancellationToken ct) =>
        {
            try
            {
                return await settings.UpdateAsync(ApiUser.Id(user), request, ct) is { } s ? TypedResults.Ok(s) : TypedResults.Unauthorized();
            }
            catch (ArgumentException e) { return Invalid(e.ParamName ?? "settings", UserFacing.Message(e)); }
        });
    }

    private static async Task<IResult> PostChatAsync(HttpContext http, ClaimsPrincipal user, AssistantService assistant, CancellationToken ct)
    {
        var userId = ApiUser.Id(user);
        var body = await ReadBodyAsync(http.Request, ct);
        if (body is null) return TypedResults.Problem($"The body may have at most {MaxBodyBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large.");
        AiChatRequest? request;
        try
        {
            request = body.Trim().Length == 0 ? null : JsonSerializer.Deserialize<AiChatRequest>(body, ChatJson);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem($"The body must be JSON like {{\"message\":\"Hello\"}}. {e.Message}", statusCode: StatusCodes.Status400BadRequest, title: "The request could not be read.");
        }
        if (request is null) return Invalid("message", "A JSON body like {\"message\":\"Hello\"} is required.");

        try
        {
            var reply = await assistant.AskAsync(userId, request.Message, request.ConversationId, ct);
            return TypedResults.Ok(new AiChatResponse(reply.Response, reply.ConversationId, reply.ToolsUsed, reply.Model));
        }
        catch (ArgumentException e) { return Invalid("message", UserFacing.Message(e)); }
        catch (ConversationNotFoundException e) { return ConversationNotFound(e.ConversationId); }
        catch (AssistantUnavailableException e)
        {
            http.Response.Headers.RetryAfter = "10";
            var timedOut = e.Failure == AssistantFailure.Timeout;
            return TypedResults.Problem(e.Message,
                statusCode: timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status503ServiceUnavailable,
                title: timedOut ? "The assistant's model took too long." : "The assistant's model is unavailable.",
                extensions: new Dictionary<string, object?> { ["conversationId"] = e.ConversationId });
        }
    }

    /// <summary>The raw body as text, or null when it is larger than allowed.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult ConversationNotFound(int id) =>
        TypedResults.Problem($"You have no conversation {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    private static ProblemHttpResult MemoryNotFound(int id) =>
        TypedResults.Problem($"You have no memory item {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}
