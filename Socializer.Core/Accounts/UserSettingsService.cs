using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Socializer.Core.Assistant;
using Socializer.Core.Chat;
using Socializer.Core.Data;

namespace Socializer.Core.Accounts;

public sealed record UserSettings(string PreferredLanguage, double AiTemperature, string? PreferredModel, bool PassiveTranslationEnabled, bool CoachingHintsEnabled);

public sealed record UserProfile(string UserId, string UserName, string DisplayName, string? Email, DateTime CreatedAt, UserSettings Settings);

/// <summary>
/// A user's personal settings: preferred language, AI temperature (0–2), model (from the operator's list),
/// passive translation, coaching hints. Changes apply to the next assistant answer (nothing is cached), and every
/// saved change is pushed as <see cref="UserSettingsChanged"/> to the user's open chat pages.
/// Bad input throws <see cref="ArgumentException"/> naming the field, and nothing is stored.
/// </summary>
public sealed class UserSettingsService(IDbContextFactory<AppDbContext> dbFactory, AssistantOptions aiOptions, IChatBus bus)
{
    public const double MinTemperature = 0;
    public const double MaxTemperature = 2;

    /// <summary>The models the operator offers, default first.</summary>
    public IReadOnlyList<string> OfferedModels => aiOptions.OfferedModels;

    public string DefaultModel => aiOptions.DefaultModel;

    /// <summary>
    /// The profile as a query projection: the assistant reads it on every request, and the user row also holds
    /// Identity's columns, which it does not need.
    /// </summary>
    public static readonly Expression<Func<AppUser, UserProfile>> ProfileOf = u => new UserProfile(u.Id, u.UserName ?? "", u.DisplayName, u.Email, u.CreatedAt,
        new UserSettings(u.PreferredLanguage, u.AiTemperature, u.PreferredModel, u.PassiveTranslationEnabled, u.CoachingHintsEnabled));

    public async Task<UserProfile?> GetProfileAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(ProfileOf).FirstOrDefaultAsync(ct);
    }

    public async Task<UserSettings?> GetAsync(string userId, CancellationToken ct = default) =>
        (await GetProfileAsync(userId, ct))?.Settings;

    /// <summary>Replaces all settings; returns null when the user does not exist.</summary>
    public async Task<UserSettings?> UpdateAsync(string userId, UserSettings settings, CancellationToken ct = default)
    {
        var language = ValidLanguage(settings.PreferredLanguage);
        var temperature = ValidTemperature(settings.AiTemperature);
        var model = ValidModel(settings.PreferredModel);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(x => x.Id == userId, ct);
        if (user is null) return null;
        // A changed language is the user's own choice; saving other settings leaves a detected language detected.
        if (user.PreferredLanguage != language) user.PreferredLanguageIsExplicit = true;
        user.PreferredLanguage = language;
        user.AiTemperature = temperature;
        user.PreferredModel = model;
        user.PassiveTranslationEnabled = settings.PassiveTranslationEnabled;
        user.CoachingHintsEnabled = settings.CoachingHintsEnabled;
        await db.SaveChangesAsync(ct);
        var saved = ToSettings(user);
        await bus.PublishAsync(new UserSettingsChanged(userId, saved), ct);
        return saved;
    }

    public async Task<double> SetTemperatureAsync(string userId, double temperature, CancellationToken ct = default)
    {
        var valid = ValidTemperature(temperature);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.AiTemperature, valid), ct);
        if (changed > 0) await PublishChangedAsync(userId, ct);
        return valid;
    }

    /// <summary>
    /// The user chose a language (code or English name): stored and marked explicit, so language detection no longer
    /// replaces it. Returns the stored code.
    /// </summary>
    public async Task<string> SetLanguageAsync(string userId, string language, CancellationToken ct = default)
    {
        var code = ValidLanguage(language);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.PreferredLanguage, code)
            .SetProperty(u => u.PreferredLanguageIsExplicit, true), ct);
        if (changed > 0) await PublishChangedAsync(userId, ct);
        return code;
    }

    /// <summary>
    /// Language detection's guess becomes the preferred language unless the user chose one (the check is part of the
    /// update, so a choice made meanwhile is never overwritten). Returns whether it changed.
    /// </summary>
    public async Task<bool> AdoptDetectedLanguageAsync(string userId, string language, CancellationToken ct = default)
    {
        var code = ValidLanguage(language);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.Users
            .Where(u => u.Id == userId && !u.PreferredLanguageIsExplicit && u.PreferredLanguage != code)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredLanguage, code), ct);
        if (changed > 0) await PublishChangedAsync(userId, ct);
        return changed > 0;
    }

    public async Task SetPassiveTranslationAsync(string userId, bool enabled, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PassiveTranslationEnabled, enabled), ct);
        if (changed > 0) await PublishChangedAsync(userId, ct);
    }

    // Read back after the commit: the event carries the settings as stored, whichever path changed them.
    private async Task PublishChangedAsync(string userId, CancellationToken ct)
    {
        if (await GetAsync(userId, ct) is { } settings) await bus.PublishAsync(new UserSettingsChanged(userId, settings), ct);
    }

    /// <summary>What a temperature means, in plain words, for the settings page and the assistant's confirmation.</summary>
    public static string DescribeTemperature(double t) => t switch
    {
        <= 0.3 => "Focused: the same question gets nearly the same answer; best for facts and precise help.",
        <= 0.9 => "Balanced: mostly predictable answers with some variety in wording.",
        <= 1.4 => "Creative: more varied and surprising answers; good for brainstorming.",
        _ => "Very loose: answers wander and may stop making sense.",
    };

    private static UserSettings ToSettings(AppUser u) =>
        new(u.PreferredLanguage, u.AiTemperature, u.PreferredModel, u.PassiveTranslationEnabled, u.CoachingHintsEnabled);

    private static string ValidLanguage(string? preferredLanguage) =>
        Languages.Normalize(preferredLanguage) ?? throw new ArgumentException(
            $"\"{preferredLanguage}\" is not a language I know. Use a code such as {string.Join(", ", Languages.Names.Keys.Take(6))}.", nameof(preferredLanguage));

    private static double ValidTemperature(double aiTemperature) =>
        double.IsFinite(aiTemperature) && aiTemperature is >= MinTemperature and <= MaxTemperature
            ? Math.Round(aiTemperature, 2)
            : throw new ArgumentException($"The temperature must be between {MinTemperature} and {MaxTemperature}.", nameof(aiTemperature));

    private string? ValidModel(string? preferredModel)
    {
        if (string.IsNullOrWhiteSpace(preferredModel)) return null;
        var trimmed = preferredModel.Trim();
        if (!aiOptions.OfferedModels.Contains(trimmed, StringComparer.Ordinal))
            throw new ArgumentException($"\"{trimmed}\" is not one of the offered models: {string.Join(", ", aiOptions.OfferedModels)}.", nameof(preferredModel));
        return trimmed == aiOptions.DefaultModel ? null : trimmed;
    }
}
