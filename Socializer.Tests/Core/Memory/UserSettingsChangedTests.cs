using Socializer.Core.Accounts;
using Socializer.Core.Chat;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Memory;

/// <summary>Every saved settings change is pushed to the user's own circuits (and no one else's); refused input pushes nothing.</summary>
public sealed class UserSettingsChangedTests : IAsyncLifetime
{
    private AssistantTestHost host = null!;
    private string ana = "", ben = "";
    private readonly List<UserEvent> toAna = [], toBen = [];
    private readonly List<IDisposable> subscriptions = [];

    async Task IAsyncLifetime.InitializeAsync()
    {
        host = await AssistantTestHost.StartAsync();
        ana = await host.AddUserAsync("ana");
        ben = await host.AddUserAsync("ben");
        subscriptions.Add(host.Bus.SubscribeToUser(ana, e => { lock (toAna) toAna.Add(e); return Task.CompletedTask; }));
        subscriptions.Add(host.Bus.SubscribeToUser(ben, e => { lock (toBen) toBen.Add(e); return Task.CompletedTask; }));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        subscriptions.ForEach(s => s.Dispose());
        await host.DisposeAsync();
    }

    private UserSettings LastPushedToAna() => Assert.IsType<UserSettingsChanged>(toAna[^1]).Settings;

    [Fact]
    public async Task Saving_the_settings_page_pushes_the_stored_settings_to_that_user_only()
    {
        var saved = await host.Settings.UpdateAsync(ana, new UserSettings("Spanish", 1.1, null, false, false));

        var pushed = Assert.IsType<UserSettingsChanged>(Assert.Single(toAna));
        Assert.Equal(ana, pushed.UserId);
        Assert.Equal(saved, pushed.Settings);
        Assert.Equal("es", pushed.Settings.PreferredLanguage); // as stored, not as typed
        Assert.Empty(toBen);
    }

    [Fact]
    public async Task The_assistants_single_setting_changes_push_too()
    {
        await host.Settings.SetLanguageAsync(ana, "fr");
        Assert.Equal("fr", LastPushedToAna().PreferredLanguage);

        await host.Settings.SetPassiveTranslationAsync(ana, false);
        Assert.False(LastPushedToAna().PassiveTranslationEnabled);

        await host.Settings.SetTemperatureAsync(ana, 1.5);
        Assert.Equal(1.5, LastPushedToAna().AiTemperature);

        Assert.Equal(3, toAna.Count);
        Assert.Empty(toBen);
    }

    [Fact]
    public async Task A_detected_language_pushes_only_when_it_changes_the_setting()
    {
        Assert.True(await host.Settings.AdoptDetectedLanguageAsync(ana, "es"));
        Assert.Equal("es", LastPushedToAna().PreferredLanguage);

        Assert.False(await host.Settings.AdoptDetectedLanguageAsync(ana, "es")); // already Spanish
        await host.Settings.SetLanguageAsync(ana, "en");                        // her own choice from now on
        Assert.False(await host.Settings.AdoptDetectedLanguageAsync(ana, "pt"));

        Assert.Equal(2, toAna.Count);
        Assert.Equal("en", (await host.Settings.GetAsync(ana))!.PreferredLanguage);
    }

    [Fact]
    public async Task Refused_input_or_an_unknown_user_pushes_nothing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => host.Settings.UpdateAsync(ana, new UserSettings("klingon", 0.7, null, true, true)));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Settings.SetTemperatureAsync(ana, 7));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Settings.SetLanguageAsync(ana, "klingon"));
        Assert.Null(await host.Settings.UpdateAsync("nobody", new UserSettings("en", 0.7, null, true, true)));
        await host.Settings.SetPassiveTranslationAsync("nobody", true);

        Assert.Empty(toAna);
        Assert.Empty(toBen);
    }
}
