using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Socializer.Core.Data;
using Socializer.Core.Privacy;

namespace Socializer.Core.Memory;

/// <summary>A fact as its owner sees it: decrypted.</summary>
public sealed record MemoryItem(int Id, MemoryCategory Category, string Key, string Value, string Source, double Confidence, DateTime CreatedAt, DateTime UpdatedAt);

public enum RememberOutcome { Created, Updated, Unchanged }

public sealed record RememberResult(MemoryItem Item, RememberOutcome Outcome, string? PreviousValue);

/// <summary>
/// What the assistant knows about a user. Every method is scoped to the given user (callers pass the signed-in
/// user's id, never one taken from a prompt). Keys are normalised ("My  Favourite Food." → "favourite food");
/// values are encrypted at rest. Bad input throws <see cref="ArgumentException"/> naming the field; nothing is stored.
/// </summary>
public sealed partial class MemoryService(IDbContextFactory<AppDbContext> dbFactory, PersonalDataProtector protector)
{
    public static string NormalizeKey(string? key)
    {
        var k = Whitespace().Replace((key ?? "").Trim().ToLowerInvariant(), " ");
        k = LeadingArticle().Replace(k, "");
        return k.Trim().TrimEnd('.', '!', '?', ',', ';', ':').Trim();
    }

    public async Task<IReadOnlyList<MemoryItem>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var facts = await db.MemoryFacts.AsNoTracking().Where(f => f.UserId == userId).OrderBy(f => f.Category).ThenBy(f => f.Key).ToListAsync(ct);
        return [.. facts.Select(ToItem)];
    }

    public async Task<MemoryItem?> GetAsync(string userId, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fact = await db.MemoryFacts.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.UserId == userId, ct);
        return fact is null ? null : ToItem(fact);
    }

    /// <summary>Stores a fact, or replaces the value kept under the same key.</summary>
    public async Task<RememberResult> RememberAsync(string userId, string key, string value, MemoryCategory category = MemoryCategory.Fact,
        string source = "assistant", double confidence = 1.0, CancellationToken ct = default)
    {
        var normalizedKey = ValidKey(key);
        var cleanValue = ValidValue(value);
        confidence = Math.Clamp(confidence, 0, 1);
        try
        {
            return await UpsertAsync(userId, normalizedKey, cleanValue, category, source, confidence, ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Two requests remembered the same new key at once: the other one won the insert, so update it.
            return await UpsertAsync(userId, normalizedKey, cleanValue, category, source, confidence, ct);
        }
    }

    private async Task<RememberResult> UpsertAsync(string userId, string key, string value, MemoryCategory category, string source, double confidence, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fact = await db.MemoryFacts.FirstOrDefaultAsync(f => f.UserId == userId && f.Key == key, ct);
        if (fact is null)
        {
            fact = new MemoryFact { UserId = userId, Key = key, Value = protector.Protect(value), Category = category, Source = Truncate(source, 100), Confidence = confidence };
            db.MemoryFacts.Add(fact);
            await db.SaveChangesAsync(ct);
            return new(ToItem(fact), RememberOutcome.Created, null);
        }
        var previous = protector.Unprotect(fact.Value);
        if (previous == value && fact.Category == category) return new(ToItem(fact), RememberOutcome.Unchanged, previous);
        fact.Value = protector.Protect(value);
        fact.Category = category;
        fact.Source = Truncate(source, 100);
        fact.Confidence = confidence;
        fact.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return new(ToItem(fact), RememberOutcome.Updated, previous);
    }

    /// <summary>The fact stored under this exact key, else facts whose key or value mentions the query.</summary>
    public async Task<IReadOnlyList<MemoryItem>> RecallAsync(string userId, string query, CancellationToken ct = default)
    {
        var key = NormalizeKey(query);
        if (key.Length == 0) return await ListAsync(userId, ct);
        var all = await ListAsync(userId, ct); // values are ciphertext in the database, so matching happens here
        var exact = all.Where(f => f.Key == key).ToList();
        if (exact.Count > 0) return exact;
        return [.. all.Where(f => f.Key.Contains(key, StringComparison.Ordinal) || key.Contains(f.Key, StringComparison.Ordinal)
                             || f.Value.Contains(key, StringComparison.OrdinalIgnoreCase))];
    }

    public async Task<MemoryItem?> UpdateAsync(string userId, int id, string key, string value, MemoryCategory category, CancellationToken ct = default)
    {
        var normalizedKey = ValidKey(key);
        var cleanValue = ValidValue(value);
        if (!Enum.IsDefined(category)) throw new ArgumentException("Unknown category.", nameof(category));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fact = await db.MemoryFacts.FirstOrDefaultAsync(f => f.Id == id && f.UserId == userId, ct);
        if (fact is null) return null;
        if (fact.Key != normalizedKey && await db.MemoryFacts.AnyAsync(f => f.UserId == userId && f.Key == normalizedKey && f.Id != id, ct))
            throw new ArgumentException($"You already have an item called \"{normalizedKey}\".", nameof(key));
        fact.Key = normalizedKey;
        fact.Value = protector.Protect(cleanValue);
        fact.Category = category;
        fact.Source = "edited by you";
        fact.Confidence = 1.0;
        fact.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return ToItem(fact);
    }

    public async Task<bool> DeleteAsync(string userId, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MemoryFacts.Where(f => f.Id == id && f.UserId == userId).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>Forgets the fact under this key; returns what was forgotten, or null if there was none.</summary>
    public async Task<MemoryItem?> ForgetAsync(string userId, string key, CancellationToken ct = default)
    {
        var normalizedKey = NormalizeKey(key);
        if (normalizedKey.Length == 0) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fact = await db.MemoryFacts.FirstOrDefaultAsync(f => f.UserId == userId && f.Key == normalizedKey, ct);
        if (fact is null) return null;
        db.MemoryFacts.Remove(fact);
        await db.SaveChangesAsync(ct);
        return ToItem(fact);
    }

    public async Task<int> ForgetAllAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MemoryFacts.Where(f => f.UserId == userId).ExecuteDeleteAsync(ct);
    }

    private MemoryItem ToItem(MemoryFact f) =>
        new(f.Id, f.Category, f.Key, protector.Unprotect(f.Value), f.Source, f.Confidence, f.CreatedAt, f.UpdatedAt);

    private static string ValidKey(string? key)
    {
        var normalized = NormalizeKey(key);
        if (normalized.Length == 0) throw new ArgumentException("A name for the item is required.", nameof(key));
        if (normalized.Length > MemoryFact.KeyMaxLength) throw new ArgumentException($"The name may have at most {MemoryFact.KeyMaxLength} characters.", nameof(key));
        Security.UserText.Require(normalized, nameof(key));
        return normalized;
    }

    private static string ValidValue(string? value)
    {
        var clean = (value ?? "").Trim();
        if (clean.Length == 0) throw new ArgumentException("A value is required.", nameof(value));
        if (clean.Length > MemoryFact.ValueMaxLength) throw new ArgumentException($"The value may have at most {MemoryFact.ValueMaxLength} characters.", nameof(value));
        Security.UserText.Require(clean, nameof(value));
        return clean;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(my|the|a|an)\s+")]
    private static partial Regex LeadingArticle();
}
