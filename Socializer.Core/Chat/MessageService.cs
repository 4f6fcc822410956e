using Microsoft.EntityFrameworkCore;
using Socializer.Core.Data;
using Socializer.Core.Translation;

namespace Socializer.Core.Chat;

/// <summary>
/// Messages in rooms: keyset-paged history, post, edit and soft-delete one's own, full-text search over the rooms
/// one belongs to. Every change is committed, then published as <see cref="MessagePosted"/>, <see cref="MessageEdited"/>
/// or <see cref="MessageDeleted"/> to the room's subscribers. A user's message gets its language detected as it is saved,
/// so readers in other languages can be offered a translation.
/// </summary>
public sealed class MessageService(IDbContextFactory<AppDbContext> dbFactory, IChatBus bus, TypingTracker typing, ILanguageDetector languageDetector)
{
    public const int PageSize = 50;
    public const int MaxPageSize = 200;
    public const int SearchLimit = 50;

    /// <summary>Messages older than <paramref name="before"/> (or the newest), oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<MessagePage> HistoryAsync(int roomId, string userId, long? before = null, int limit = PageSize, CancellationToken ct = default)
    {
        if (limit is < 1 or > MaxPageSize) throw ChatException.Invalid($"limit must be between 1 and {MaxPageSize}.");
        if (before is <= 0) throw ChatException.Invalid("before must be a message id (a positive number).");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ChatRules.RequireMemberAsync(db, roomId, userId, ct);

        var query = db.Messages.Where(m => m.RoomId == roomId);
        if (before is { } id) query = query.Where(m => m.Id < id);
        var newestFirst = await Project(query.OrderByDescending(m => m.Id).Take(limit + 1)).ToListAsync(ct);
        var hasOlder = newestFirst.Count > limit;
        return new MessagePage([.. newestFirst.Take(limit).Reverse()], hasOlder);
    }

    public async Task<MessageView> PostAsync(int roomId, string userId, string? content, CancellationToken ct = default)
    {
        var text = ChatRules.NormalizeContent(content);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ChatRules.RequireMemberAsync(db, roomId, userId, ct);

        var message = new Message
        {
            RoomId = roomId, SenderId = userId, SenderType = SenderType.User, Content = text,
            Language = languageDetector.Detect(text).Language,
        };
        db.Messages.Add(message);
        var room = await db.Rooms.FirstAsync(r => r.Id == roomId, ct);
        room.LastActivityAt = message.CreatedAt;
        await db.SaveChangesAsync(ct);

        var view = await Project(db.Messages.Where(m => m.Id == message.Id)).FirstAsync(ct);
        await typing.StoppedAsync(roomId, userId);
        await bus.PublishAsync(new MessagePosted(roomId, view, room.AiEnabled), ct);
        return view;
    }

    /// <summary>
    /// Posts the assistant's answer in a room that has AI on, then publishes it like any message. The caller (the room
    /// assistant) decided it was asked; this only stores and announces.
    /// </summary>
    public async Task<MessageView> PostAssistantAsync(int roomId, string? content, CancellationToken ct = default)
    {
        var text = ChatRules.NormalizeContent(content);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var room = await db.Rooms.FirstOrDefaultAsync(r => r.Id == roomId, ct) ?? throw ChatException.NotFound("No such room.");
        if (!room.AiEnabled) throw ChatException.Forbidden("The assistant is off in this room.");

        var message = new Message { RoomId = roomId, SenderType = SenderType.Assistant, Content = text };
        db.Messages.Add(message);
        room.LastActivityAt = message.CreatedAt;
        await db.SaveChangesAsync(ct);

        var view = await Project(db.Messages.Where(m => m.Id == message.Id)).FirstAsync(ct);
        await bus.PublishAsync(new MessagePosted(roomId, view, room.AiEnabled), ct);
        return view;
    }

    /// <summary>Edits one's own, not deleted message in a room one still belongs to; the ownership check is in the update itself.</summary>
    public async Task<MessageView> EditAsync(long messageId, string userId, string? content, CancellationToken ct = default)
    {
        var text = ChatRules.NormalizeContent(content);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = DateTime.UtcNow;
        var language = languageDetector.Detect(text).Language;
        var updated = await OwnLiveMessage(db, messageId, userId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Content, text).SetProperty(m => m.EditedAt, now).SetProperty(m => m.Language, language), ct);
        if (updated == 0) throw await WhyNotOwnAsync(db, messageId, userId, ct);
        // Cached translations are of the old text.
        await db.MessageTranslations.Where(t => t.MessageId == messageId).ExecuteDeleteAsync(ct);

        var view = await Project(db.Messages.Where(m => m.Id == messageId)).FirstAsync(ct);
        await bus.PublishAsync(new MessageEdited(view.RoomId, view), ct);
        return view;
    }

    /// <summary>Soft-deletes one's own message: the row stays (for paging), its content is cleared (and leaves the search index).</summary>
    public async Task DeleteAsync(long messageId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roomId = await OwnLiveMessage(db, messageId, userId).Select(m => (int?)m.RoomId).FirstOrDefaultAsync(ct);
        var now = DateTime.UtcNow;
        var deleted = await OwnLiveMessage(db, messageId, userId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Content, "").SetProperty(m => m.DeletedAt, now), ct);
        if (deleted == 0 || roomId is null) throw await WhyNotOwnAsync(db, messageId, userId, ct);
        await bus.PublishAsync(new MessageDeleted(roomId.Value, messageId), ct);
    }

    /// <summary>
    /// Full-text search (an index, not a scan: FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL) over the rooms the
    /// user is an active member of, newest first. Every word must match; the last one also matches as a prefix.
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string userId, string? query, CancellationToken ct = default)
    {
        var words = SearchWords(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ChatRules.EnsureGeneralMembershipAsync(db, userId, ct);
        var rows = db.Database.IsNpgsql()
            ? await SearchPostgresAsync(db, userId, words, ct)
            : await SearchSqlite(db, userId, words).ToListAsync(ct);
        var roomNames = await ChatRules.RoomNamesAsync(db, userId, [.. rows.Select(r => r.RoomId).Distinct()], ct);
        var senderIds = rows.Where(r => r.SenderId is not null).Select(r => r.SenderId!).Distinct().ToList();
        var senders = await db.Users.Where(u => senderIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName != "" ? u.DisplayName : u.UserName ?? "", ct);
        return [.. rows.Select(r => new SearchHit(r.MessageId, r.RoomId, roomNames[r.RoomId],
            SenderName(r.SenderType, r.SenderId is null ? null : senders.GetValueOrDefault(r.SenderId)), r.Content, r.CreatedAt))];
    }

    /// <summary>
    /// Ordered by the index's own rowid (= message id) so FTS5 walks its matches newest first and stops at the limit,
    /// instead of collecting and sorting every match of a common word (12× faster for a word in one message of five, 300k messages).
    /// </summary>
    private static IQueryable<SearchRow> SearchSqlite(AppDbContext db, string userId, IReadOnlyList<string> words)
    {
        var match = ToFtsQuery(words);
        return db.Database.SqlQuery<SearchRow>($"""
            SELECT m.Id AS MessageId, m.RoomId, m.SenderId, m.SenderType, m.Content, m.CreatedAt
            FROM MessagesFts
            JOIN Messages m ON m.Id = MessagesFts.rowid
            JOIN RoomMembers rm ON rm.RoomId = m.RoomId AND rm.UserId = {userId} AND rm.IsActive = 1
            WHERE MessagesFts MATCH {match} AND m.DeletedAt IS NULL
            ORDER BY MessagesFts.rowid DESC
            LIMIT {SearchLimit}
            """);
    }

    /// <summary>How many of the newest message ids PostgreSQL search looks at first (see <see cref="SearchPostgresAsync"/>).</summary>
    public const int PostgresRecentSearchWindow = 10_000;

    /// <summary>
    /// Newest matches first, in two steps. PostgreSQL's planner often misjudges how common a prefix term is (it guessed
    /// 2 % for a word in one message of five), and then reads and sorts every match from the GIN index: 0.9 s for a
    /// common word at 1M messages. So it first looks only among the newest <see cref="PostgresRecentSearchWindow"/> ids,
    /// which bounds the work whatever the plan; when those hold a full page of hits they are the newest hits overall,
    /// otherwise it searches everything (the index's fast case: a word with few matches).
    /// </summary>
    private static async Task<List<SearchRow>> SearchPostgresAsync(AppDbContext db, string userId, IReadOnlyList<string> words, CancellationToken ct)
    {
        // A constant bound (not a subquery), so the planner can see how few rows the window holds.
        var windowStart = (await db.Messages.MaxAsync(m => (long?)m.Id, ct) ?? 0) - PostgresRecentSearchWindow;
        if (windowStart > 0)
        {
            var recent = await SearchPostgres(db, userId, words, windowStart).ToListAsync(ct);
            if (recent.Count == SearchLimit) return recent;
        }
        return await SearchPostgres(db, userId, words, newerThan: null).ToListAsync(ct);
    }

    /// <summary>
    /// The leading words go through websearch_to_tsquery, each quoted so that "or" and "-" stay words; the last one is a
    /// prefix term (websearch syntax has none), safe to spell out because words hold letters and digits only.
    /// </summary>
    private static IQueryable<SearchRow> SearchPostgres(AppDbContext db, string userId, IReadOnlyList<string> words, long? newerThan)
    {
        var leading = string.Join(' ', words.SkipLast(1).Select(w => $"\"{w}\""));
        var prefix = $"'{words[^1]}':*";
        return db.Database.SqlQuery<SearchRow>($"""
            SELECT m."Id" AS "MessageId", m."RoomId", m."SenderId", m."SenderType", m."Content", m."CreatedAt"
            FROM "Messages" m
            JOIN "RoomMembers" rm ON rm."RoomId" = m."RoomId" AND rm."UserId" = {userId} AND rm."IsActive"
            WHERE m."SearchVector" @@ (CASE WHEN {leading} = '' THEN to_tsquery('simple', {prefix})
                                          ELSE websearch_to_tsquery('simple', {leading}) && to_tsquery('simple', {prefix}) END)
              AND m."DeletedAt" IS NULL
              AND ({newerThan}::bigint IS NULL OR m."Id" > {newerThan}::bigint)
            ORDER BY m."Id" DESC
            LIMIT {SearchLimit}
            """);
    }

    /// <summary>Turns what a person typed into a safe FTS5 query: words only, each quoted, so no FTS syntax gets through.</summary>
    public static string ToFtsQuery(string? query) => ToFtsQuery(SearchWords(query));

    private static string ToFtsQuery(IReadOnlyList<string> words) =>
        string.Join(' ', words.Select((w, i) => i == words.Count - 1 ? $"\"{w}\"*" : $"\"{w}\""));

    /// <summary>What a person typed, as at most ten words of letters and digits: no search syntax gets through.</summary>
    private static List<string> SearchWords(string? query)
    {
        var words = (query ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(char.IsLetterOrDigit)]))
            .Where(w => w.Length > 0)
            .Take(10)
            .ToList();
        if (words.Count == 0) throw ChatException.Invalid("Type at least one word to search for.");
        return words;
    }

    private static IQueryable<Message> OwnLiveMessage(AppDbContext db, long messageId, string userId) =>
        db.Messages.Where(m => m.Id == messageId && m.SenderId == userId && m.DeletedAt == null
                               && db.RoomMembers.Any(rm => rm.RoomId == m.RoomId && rm.UserId == userId && rm.IsActive));

    /// <summary>After a refused edit/delete: a member may learn it is someone else's message, anyone else learns nothing.</summary>
    private static async Task<ChatException> WhyNotOwnAsync(AppDbContext db, long messageId, string userId, CancellationToken ct)
    {
        var visible = await db.Messages
            .Where(m => m.Id == messageId && db.RoomMembers.Any(rm => rm.RoomId == m.RoomId && rm.UserId == userId && rm.IsActive))
            .Select(m => new { m.SenderId, m.DeletedAt })
            .FirstOrDefaultAsync(ct);
        if (visible is null) return ChatException.NotFound("No such message.");
        if (visible.DeletedAt is not null) return ChatException.NotFound("That message was deleted.");
        return ChatException.Forbidden("You can only change your own messages.");
    }

    private static IQueryable<MessageView> Project(IQueryable<Message> messages) =>
        messages.Select(m => new MessageView(
            m.Id, m.RoomId, m.SenderType, m.SenderId,
            m.SenderType == SenderType.Assistant ? "Assistant"
                : m.SenderType == SenderType.System ? "System"
                : m.Sender == null ? "Former user"
                : m.Sender.DisplayName != "" ? m.Sender.DisplayName : m.Sender.UserName ?? "",
            m.Content, m.CreatedAt, m.EditedAt, m.DeletedAt != null, m.Language));

    private static string SenderName(SenderType type, string? userName) => type switch
    {
        SenderType.Assistant => "Assistant",
        SenderType.System => "System",
        _ => userName ?? "Former user",
    };

    private sealed record SearchRow(long MessageId, int RoomId, string? SenderId, SenderType SenderType, string Content, DateTime CreatedAt);
}
