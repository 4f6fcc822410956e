using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Socializer.Core.Memory;
using Socializer.Tests.Support;
using Socializer.Web.Components.Profile;
using Socializer.Web.Components.Settings;

namespace Socializer.Tests.Components;

public sealed class MemoryAndSettingsPageTests : MudTestContext
{
    private async Task<(AssistantTestHost Host, string UserId)> StartAsync()
    {
        var host = await AssistantTestHost.StartAsync();
        var userId = await host.AddUserAsync("ana");
        Context.Services.AddSingleton(host.Memory);
        Context.Services.AddSingleton(host.Settings);
        Context.AddAuthorization().SetAuthorized("ana").SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
        return (host, userId);
    }

    [Fact]
    public async Task The_memory_table_lists_edits_and_deletes_items()
    {
        var (host, userId) = await StartAsync();
        await using var _ = host;
        await host.Memory.RememberAsync(userId, "favourite food", "paella", MemoryCategory.Preference);
        await host.Memory.RememberAsync(userId, "city", "Girona");
        var other = await host.AddUserAsync("ben");
        await host.Memory.RememberAsync(other, "secret", "tangerine");
        Context.Render<MudPopoverProvider>();

        var page = Render<MemoryPage>();
        Assert.Contains("paella", page.Markup);
        Assert.Contains("Girona", page.Markup);
        Assert.DoesNotContain("tangerine", page.Markup);

        await page.Find("button[aria-label='Edit favourite food']").ClickAsync(new());
        await page.Find(".edit-value input").InputAsync(new() { Value = "tortilla" });
        await page.Find("button.save-edit").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("tortilla", page.Markup));
        Assert.Equal("tortilla", (await host.Memory.RecallAsync(userId, "favourite food")).Single().Value);

        await page.Find("button[aria-label='Delete city']").ClickAsync(new());
        page.WaitForAssertion(() => Assert.DoesNotContain("Girona", page.Markup));
        Assert.Single(await host.Memory.ListAsync(userId));
    }

    [Fact]
    public async Task Forget_everything_asks_first_and_cancel_keeps_everything()
    {
        var (host, userId) = await StartAsync();
        await using var _ = host;
        await host.Memory.RememberAsync(userId, "name", "Ana");
        await host.Memory.RememberAsync(userId, "city", "Girona");
        var dialogs = Context.Render<MudDialogProvider>();
        var page = Render<MemoryPage>();

        var cancelled = page.Find("button.forget-everything").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Delete all 2 things", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await cancelled.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, (await host.Memory.ListAsync(userId)).Count);

        var confirmed = page.Find("button.forget-everything").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Delete all 2 things", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Forget everything").ClickAsync(new());
        await confirmed.WaitAsync(TimeSpan.FromSeconds(10));

        page.WaitForAssertion(() => Assert.Contains("doesn't remember anything", page.Markup));
        Assert.Empty(await host.Memory.ListAsync(userId));
    }

    [Fact]
    public async Task Settings_show_the_current_values_with_the_temperature_explained_and_save_changes()
    {
        var (host, userId) = await StartAsync();
        await using var _ = host;
        await host.Settings.SetTemperatureAsync(userId, 0.2);
        Context.Render<MudPopoverProvider>();

        var page = Render<SettingsPage>();
        Assert.Contains("AI temperature: 0.2", page.Markup);
        Assert.StartsWith("Focused", page.Find(".temperature-explanation").TextContent.Trim());
        Assert.Contains("offline", page.Find(".model-select").OuterHtml);

        await page.Find(".translation-switch input").ChangeAsync(new() { Value = false });
        await page.Find("button.save-settings").ClickAsync(new()); // completes when the save has

        var saved = await host.Settings.GetAsync(userId);
        Assert.False(saved!.PassiveTranslationEnabled);
        Assert.Equal(0.2, saved.AiTemperature);
        Assert.True(saved.CoachingHintsEnabled);
    }
}
