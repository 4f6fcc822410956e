using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Socializer.Core.Data;
using Socializer.Core.Health.SelfTest;

namespace Socializer.Core.Assistant;

/// <summary>
/// The self-test through the real assistant pipeline (model, function invocation, user-bound tools, conversation
/// store): the synthetic user asks to remember a note, then asks for it back in the same conversation, which must
/// answer with it. Each run uses its own note, so concurrent runs don't overwrite each other.
/// </summary>
public sealed class AssistantSelfTestWorkload(AssistantService assistant, IDbContextFactory<AppDbContext> dbFactory) : ISelfTestWorkload
{
    public string Name => $"The assistant pipeline ({assistant.Options.DefaultModel}): remember a note, then recall it from the database";

    public async Task RunOnceAsync(string syntheticUserId, int index, CancellationToken ct)
    {
        var value = string.Create(CultureInfo.InvariantCulture, $"ok-{index}");
        var remembered = await assistant.AskAsync(syntheticUserId, $"remember that my self-test note {index} is {value}", null, ct);
        var recalled = await assistant.AskAsync(syntheticUserId, $"what is my self-test note {index}?", remembered.ConversationId, ct);
        if (!recalled.Response.Contains(value, StringComparison.Ordinal))
            throw new InvalidOperationException($"Self-test {index}: the assistant did not recall the note (answered \"{Shorten(recalled.Response)}\").");
    }

    public async Task CleanupAsync(string syntheticUserId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.AiMessages.Where(m => m.Conversation!.UserId == syntheticUserId).ExecuteDeleteAsync(ct);
        await db.AiConversations.Where(c => c.UserId == syntheticUserId).ExecuteDeleteAsync(ct);
        await db.MemoryFacts.Where(f => f.UserId == syntheticUserId).ExecuteDeleteAsync(ct);
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "…";
}
