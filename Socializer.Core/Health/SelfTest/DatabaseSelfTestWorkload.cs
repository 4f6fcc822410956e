using Microsoft.EntityFrameworkCore;
using Socializer.Core.Assistant;
using Socializer.Core.Data;
using Socializer.Core.Privacy;

namespace Socializer.Core.Health.SelfTest;

/// <summary>
/// The default workload: what an assistant turn does to the database, without a model: store the question
/// (encrypted) in a new conversation, then read the conversation back and the user's recent conversations.
/// </summary>
public sealed class DatabaseSelfTestWorkload(IDbContextFactory<AppDbContext> dbFactory, PersonalDataProtector protector) : ISelfTestWorkload
{
    public string Name => "Database round trip (write a conversation + message, read it back); the assistant pipeline is not wired in yet";

    public async Task RunOnceAsync(string syntheticUserId, int index, CancellationToken ct)
    {
        int conversationId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var conversation = new AiConversation { UserId = syntheticUserId, Title = $"Self-test {index}" };
            conversation.Messages.Add(new AiMessage { Role = AiMessageRole.User, Content = protector.Protect($"Self-test question {index}") });
            db.AiConversations.Add(conversation);
            await db.SaveChangesAsync(ct);
            conversationId = conversation.Id;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var stored = await db.AiMessages.AsNoTracking().Where(m => m.ConversationId == conversationId).ToListAsync(ct);
            if (stored.Count != 1 || protector.Unprotect(stored[0].Content) != $"Self-test question {index}")
                throw new InvalidOperationException($"Self-test {index}: the stored message did not read back.");
            _ = await db.AiConversations.AsNoTracking().Where(c => c.UserId == syntheticUserId)
                .OrderByDescending(c => c.UpdatedAt).Take(10).Select(c => c.Title).ToListAsync(ct);
        }
    }

    public async Task CleanupAsync(string syntheticUserId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.AiMessages.Where(m => m.Conversation!.UserId == syntheticUserId).ExecuteDeleteAsync(ct);
        await db.AiConversations.Where(c => c.UserId == syntheticUserId).ExecuteDeleteAsync(ct);
    }
}
