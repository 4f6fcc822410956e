using Socializer.Core.Chat;

namespace Socializer.Core.Accounts;

/// <summary>
/// A user's settings were saved (settings page, API, the assistant's tools, or language detection): delivered to that
/// user's circuits only, so an open chat re-renders translations and hints at once. Carries the settings as stored.
/// </summary>
public sealed record UserSettingsChanged(string UserId, UserSettings Settings) : UserEvent(UserId);
