using Socializer.Core.Accounts;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Memory;

public sealed class UserSettingsServiceTests
{
    private static readonly Dictionary<string, string?> TwoModels = new()
    {
        ["Provider"] = "OpenAICompatible", ["Endpoint"] = "http://127.0.0.1:11434/v1", ["Model"] = "llama3.2", ["Models:0"] = "qwen2.5",
    };

    [Fact]
    public async Task Settings_round_trip_and_the_default_model_is_stored_as_no_choice()
    {
        await using var host = await AssistantTestHost.StartAsync(TwoModels);
        var ana = await host.AddUserAsync("ana");

        Assert.Equal(["llama3.2", "qwen2.5"], host.Settings.OfferedModels);
        var saved = await host.Settings.UpdateAsync(ana, new UserSettings("Spanish", 1.25, "qwen2.5", false, false));
        Assert.Equal(new UserSettings("es", 1.25, "qwen2.5", false, false), saved);
        Assert.Equal(saved, await host.Settings.GetAsync(ana));

        var back = await host.Settings.UpdateAsync(ana, new UserSettings("en", 0.7, "llama3.2", true, true));
        Assert.Null(back!.PreferredModel);
    }

    [Theory]
    [InlineData("klingon", 0.7, null, "preferredLanguage")]
    [InlineData("en", -0.1, null, "aiTemperature")]
    [InlineData("en", 2.01, null, "aiTemperature")]
    [InlineData("en", double.NaN, null, "aiTemperature")]
    [InlineData("en", 0.7, "gpt-9", "preferredModel")]
    public async Task Bad_settings_name_the_field_and_change_nothing(string language, double temperature, string? model, string field)
    {
        await using var host = await AssistantTestHost.StartAsync(TwoModels);
        var ana = await host.AddUserAsync("ana");
        var before = await host.Settings.GetAsync(ana);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.Settings.UpdateAsync(ana, new UserSettings(language, temperature, model, false, false)));

        Assert.Equal(field, error.ParamName);
        Assert.Equal(before, await host.Settings.GetAsync(ana));
    }

    [Fact]
    public async Task Temperature_and_language_can_be_set_alone()
    {
        await using var host = await AssistantTestHost.StartAsync();
        var ana = await host.AddUserAsync("ana");

        Assert.Equal(0.3, await host.Settings.SetTemperatureAsync(ana, 0.3));
        Assert.Equal("de", await host.Settings.SetLanguageAsync(ana, "German"));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Settings.SetTemperatureAsync(ana, 3));

        var settings = await host.Settings.GetAsync(ana);
        Assert.Equal((0.3, "de"), (settings!.AiTemperature, settings.PreferredLanguage));
        Assert.Equal(["offline"], host.Settings.OfferedModels);
    }

    [Theory]
    [InlineData(0.0, "Focused")]
    [InlineData(0.7, "Balanced")]
    [InlineData(1.2, "Creative")]
    [InlineData(2.0, "Very loose")]
    public void Temperatures_are_explained_in_plain_words(double t, string start) =>
        Assert.StartsWith(start, UserSettingsService.DescribeTemperature(t));
}
