using Microsoft.EntityFrameworkCore;
using Socializer.Core.Data;
using Socializer.Core.Privacy;

namespace Socializer.Core.Assistant;

public sealed record ConversationSummary(int Id, string Title, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record ConversationMessage(long Id, AiMessageRole Role, string Content, IReadOnlyList<string> ToolsUsed, string? Model, DateTime CreatedAt);

public sealed record ConversationDetail(int Id, string Title, DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<ConversationMessage> Messages);

/// <summary>
/// A user's saved assistant conversations. Titles and message text are personal data, encrypted at rest.
/// Every method takes the owner's id and never touches anyone else's conversations.
/// </summary>
public sealed class ConversationStore(IDbContextFactory<AppDbContext> dbFactory, PersonalDataProtector protector)
{
    public const string DefaultTitle = "New conversation";

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.AiConversations.AsNoTracking().Where(c => c.UserId == userId)
            .OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Take(200).ToListAsync(ct);
        return [.. rows.Select(c => new ConversationSummary(c.Id, protector.Unprotect(c.Title), c.CreatedAt, c.UpdatedAt))];
    }

    public async Task<ConversationDetail?> GetAsync(string userId, int conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.AiConversations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == conversationId && x.UserId == userId, ct);
        if (c is null) return null;
        var messages = await db.AiMessages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Id).ToListAsync(ct);
        return new(c.Id, protector.Unprotect(c.Title), c.CreatedAt, c.UpdatedAt, [.. messages.Select(ToMessage)]);
    }

    /// <summary>The most recent conversation other than <paramref name="exceptId"/>, for "what did we talk about last time".</summary>
    public async Task<ConversationDetail?> GetPreviousAsync(string userId, int? exceptId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.AiConversations.AsNoTracking().Where(c => c.UserId == userId && c.Id != exceptId)
            .OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        return id is null ? null : await GetAsync(userId, id.Value, ct);
    }

    public async Task<int> CreateAsync(string userId, string? firstMessage, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = new AiConversation { UserId = userId, Title = protector.Protect(TitleFrom(firstMessage)) };
        db.AiConversations.Add(conversation);
        await db.SaveChangesAsync(ct);
        return conversation.Id;
    }

    /// <summary>
    /// Creates a conversation together with its first message: one context and one write transaction instead of
    /// a create followed by an append (SQLite has one writer at a time, so fewer writes per request is throughput).
    /// </summary>
    public async Task<(int ConversationId, ConversationMessage Message)> StartAsync(string userId, string firstMessage, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = new AiConversation { UserId = userId, Title = protector.Protect(TitleFrom(firstMessage)) };
        var message = new AiMessage { Conversation = conversation, Role = AiMessageRole.User, Content = protector.Protect(firstMessage) };
        conversation.UpdatedAt = message.CreatedAt;
        db.AiMessages.Add(message);
        await db.SaveChangesAsync(ct);
        return (conversation.Id, ToMessage(message));
    }

    public async Task<bool> RenameAsync(string userId, int conversationId, string title, CancellationToken ct = default)
    {
        var clean = (title ?? "").Trim();
        if (clean.Length == 0) throw new ArgumentException("A title is required.", nameof(title));
        if (clean.Length > 80) throw new ArgumentException("A title may have at most 80 characters.", nameof(title));
        Security.UserText.Require(clean, nameof(title));
        var stored = protector.Protect(clean);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AiConversations.Where(c => c.Id == conversationId && c.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Title, stored), ct) > 0;
    }

    public async Task<bool> DeleteAsync(string userId, int conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.AiConversations.FirstOrDefaultAsync(c => c.Id == conversationId && c.UserId == userId, ct);
        if (conversation is null) return false;
        db.AiConversations.Remove(conversation); // messages cascade
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Appends a message to the user's conversation; null when the conversation is not theirs.</summary>
    public async Task<ConversationMessage?> AppendAsync(string userId, int conversationId, AiMessageRole role, string content,
        IReadOnlyCollection<string>? toolsUsed = null, string? model = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.AiConversations.FirstOrDefaultAsync(c => c.Id == conversationId && c.UserId == userId, ct);
        if (conversation is null) return null;
        var tools = toolsUsed is { Count: > 0 } ? string.Join(',', toolsUsed) : null;
        var message = new AiMessage
        {
            ConversationId = conversationId, Role = role, Content = protector.Protect(content),
            ToolsUsed = tools is { Length: > 1000 } ? tools[..1000] : tools, Model = model,
        };
        db.AiMessages.Add(message);
        conversation.UpdatedAt = message.CreatedAt;
        await db.SaveChangesAsync(ct);
        return ToMessage(message);
    }

    /// <summary>Removes error notes after the last user message, so a retry leaves a clean history.</summary>
    public async Task<ConversationMessage?> PrepareRetryAsync(string userId, int conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.AiConversations.AnyAsync(c => c.Id == conversationId && c.UserId == userId, ct)) return null;
        var last = await db.AiMessages.Where(m => m.ConversationId == conversationId && m.Role != AiMessageRole.Error)
            .OrderByDescending(m => m.Id).FirstOrDefaultAsync(ct);
        if (last is null || last.Role != AiMessageRole.User) return null;
        await db.AiMessages.Where(m => m.ConversationId == conversationId && m.Id > last.Id && m.Role == AiMessageRole.Error).ExecuteDeleteAsync(ct);
        return ToMessage(last);
    }

    private ConversationMessage ToMessage(AiMessage m) =>
        new(m.Id, m.Role, protector.Unprotect(m.Content),
            string.IsNullOrEmpty(m.ToolsUsed) ? [] : m.ToolsUsed.Split(',', StringSplitOptions.RemoveEmptyEntries), m.Model, m.CreatedAt);

    private static string TitleFrom(string? firstMessage)
    {
        var text = string.Join(' ', (firstMessage ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length == 0) return DefaultTitle;
        return text.Length <= 60 ? text : text[..57].TrimEnd() + "…";
    }
}
