using Microsoft.AspNetCore.Identity;

namespace Socializer.Core.Accounts;

/// <summary>A Socializer account: Identity's user plus what the assistant and the chat need to know.</summary>
public class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 64;
    public const double DefaultAiTemperature = 0.7;

    public string DisplayName { get; set; } = "";

    /// <summary>BCP 47-ish language code ("en", "es"); detected from what the user writes, changeable in settings.</summary>
    public string PreferredLanguage { get; set; } = "en";

    /// <summary>True once the user chose a language themselves; detection from their messages then stops changing it.</summary>
    public bool PreferredLanguageIsExplicit { get; set; }

    /// <summary>0 to 2; passed to the model in ChatOptions.</summary>
    public double AiTemperature { get; set; } = DefaultAiTemperature;

    /// <summary>One of the models the operator configured; null means the operator's default.</summary>
    public string? PreferredModel { get; set; }

    public bool PassiveTranslationEnabled { get; set; } = true;
    public bool CoachingHintsEnabled { get; set; } = true;

    /// <summary>Room messages sent so far; every fifth one triggers a communication evaluation.</summary>
    public int RoomMessagesSent { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? LastSeenAt { get; set; }
}

public static class Roles
{
    public const string User = "User";
    public const string Admin = "Admin";
    public static readonly string[] All = [User, Admin];
}
