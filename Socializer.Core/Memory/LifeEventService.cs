using Microsoft.EntityFrameworkCore;
using Socializer.Core.Data;
using Socializer.Core.Privacy;

namespace Socializer.Core.Memory;

/// <summary>What a user enters for a life event; validated by <see cref="LifeEventService"/>.</summary>
public sealed record LifeEventInput(string? Title, string? Description, string? Category, DateOnly? OccurredOn);

/// <summary>A life event as its owner sees it (decrypted).</summary>
public sealed record LifeEventView(int Id, string Title, string? Description, string Category, DateOnly OccurredOn, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>One year of the timeline, events in date order.</summary>
public sealed record LifeEventYear(int Year, IReadOnlyList<LifeEventView> Events);

/// <summary>The input was not valid; nothing was stored. Errors are keyed by field name (title, description, category, occurredOn).</summary>
public sealed class LifeEventValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The life event is not valid: " + string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>
/// A user's life events: add, list, update, delete, timeline. Always scoped to one user id (the signed-in user;
/// another user's event is simply not found). Title and description are personal data, encrypted at rest.
/// </summary>
public sealed class LifeEventService(IDbContextFactory<AppDbContext> dbFactory, PersonalDataProtector protector)
{
    public const int CategoryMaxLength = 50;
    public const string DefaultCategory = "general";

    /// <summary>Categories the UI offers; any other short word is accepted too.</summary>
    public static readonly string[] SuggestedCategories = [DefaultCategory, "family", "work", "education", "health", "travel", "milestone"];

    /// <exception cref="LifeEventValidationException">Missing title or date, or a field too long.</exception>
    public async Task<LifeEventView> AddAsync(string userId, LifeEventInput input, CancellationToken ct)
    {
        var valid = Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = DateTime.UtcNow;
        var entity = new LifeEvent { UserId = userId, CreatedAt = now, UpdatedAt = now };
        Apply(entity, valid);
        db.LifeEvents.Add(entity);
        await db.SaveChangesAsync(ct);
        return ToView(entity, valid);
    }

    /// <summary>The user's events, most recent date first.</summary>
    public async Task<IReadOnlyList<LifeEventView>> ListAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.LifeEvents.AsNoTracking().Where(e => e.UserId == userId)
            .OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.Id)
            .ToListAsync(ct);
        return rows.Select(Decrypt).ToList();
    }

    /// <summary>One event of the user's, or null.</summary>
    public async Task<LifeEventView?> GetAsync(string userId, int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.LifeEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.UserId == userId, ct);
        return row is null ? null : Decrypt(row);
    }

    /// <summary>Replaces an event's fields; null when the user has no such event.</summary>
    /// <exception cref="LifeEventValidationException">As for <see cref="AddAsync"/>.</exception>
    public async Task<LifeEventView?> UpdateAsync(string userId, int id, LifeEventInput input, CancellationToken ct)
    {
        var valid = Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.LifeEvents.FirstOrDefaultAsync(e => e.Id == id && e.UserId == userId, ct);
        if (entity is null) return null;
        Apply(entity, valid);
        entity.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return ToView(entity, valid);
    }

    /// <summary>False when the user has no such event.</summary>
    public async Task<bool> DeleteAsync(string userId, int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.LifeEvents.Where(e => e.Id == id && e.UserId == userId).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>The user's events grouped by year, oldest year first and in date order within a year.</summary>
    public async Task<IReadOnlyList<LifeEventYear>> GetTimelineAsync(string userId, CancellationToken ct)
    {
        var events = await ListAsync(userId, ct);
        return events
            .OrderBy(e => e.OccurredOn).ThenBy(e => e.Id)
            .GroupBy(e => e.OccurredOn.Year)
            .Select(g => new LifeEventYear(g.Key, g.ToList()))
            .ToList();
    }

    private sealed record ValidInput(string Title, string? Description, string Category, DateOnly OccurredOn);

    private static ValidInput Validate(LifeEventInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title)) errors["title"] = ["A title is required."];
        else if (title.Length > LifeEvent.TitleMaxLength) errors["title"] = [$"The title can have at most {LifeEvent.TitleMaxLength} characters."];

        var description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        if (description?.Length > LifeEvent.DescriptionMaxLength)
            errors["description"] = [$"The description can have at most {LifeEvent.DescriptionMaxLength} characters."];

        var category = string.IsNullOrWhiteSpace(input.Category) ? DefaultCategory : input.Category.Trim().ToLowerInvariant();
        if (category.Length > CategoryMaxLength) errors["category"] = [$"The category can have at most {CategoryMaxLength} characters."];

        foreach (var (field, text) in new[] { ("title", title), ("description", description), ("category", category) })
            if (Security.UserText.Problem(text) is { } problem) errors[field] = [problem];

        if (input.OccurredOn is null) errors["occurredOn"] = ["A date is required."];
        else if (input.OccurredOn.Value.Year < 1900) errors["occurredOn"] = ["The date must be in 1900 or later."];

        if (errors.Count > 0) throw new LifeEventValidationException(errors);
        return new ValidInput(title!, description, category, input.OccurredOn!.Value);
    }

    private void Apply(LifeEvent entity, ValidInput input)
    {
        entity.Title = protector.Protect(input.Title);
        entity.Description = protector.ProtectNullable(input.Description);
        entity.Category = input.Category;
        entity.OccurredOn = input.OccurredOn;
    }

    private static LifeEventView ToView(LifeEvent entity, ValidInput input) =>
        new(entity.Id, input.Title, input.Description, input.Category, input.OccurredOn, entity.CreatedAt, entity.UpdatedAt);

    private LifeEventView Decrypt(LifeEvent row) =>
        new(row.Id, protector.Unprotect(row.Title), protector.UnprotectNullable(row.Description), row.Category, row.OccurredOn, row.CreatedAt, row.UpdatedAt);
}
