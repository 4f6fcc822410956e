using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Socializer.Core.Coaching;
using Socializer.Tests.Support;
using Socializer.Web.Components.Profile;

namespace Socializer.Tests.Components.Profile;

public sealed class TrainingPageTests : MudTestContext, IAsyncLifetime
{
    private TestDatabase database = null!;
    private CoachingService coaching = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        database = await TestDatabase.CreateMigratedAsync();
        coaching = database.NewCoachingService();
        Context.Services.AddSingleton(coaching);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await database.DisposeAsync();
    }

    private async Task<string> SignInAsync(string name)
    {
        var userId = await database.AddUserAsync(name);
        Context.AddAuthorization().SetAuthorized(name).SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
        return userId;
    }

    [Fact]
    public async Task A_new_user_sees_a_card_per_skill_the_focus_and_no_chart_yet()
    {
        await SignInAsync("ana");

        var page = Render<TrainingPage>();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll(".skill-card").Count));
        Assert.Equal(["Empathy", "Active listening", "Clarity", "Engagement"], page.FindAll(".skill-card h2").Select(h => h.TextContent.Trim()));
        Assert.All(page.FindAll(".skill-level"), chip => Assert.Contains("Level 1 / 5", chip.TextContent, StringComparison.Ordinal));
        Assert.Contains("Empathy", page.Find("#current-focus").TextContent, StringComparison.Ordinal);
        Assert.Contains(DefaultTrainingPlan.FocusFor(SkillIds.ActiveListening), page.Markup, StringComparison.Ordinal);
        Assert.NotNull(page.Find("#no-history"));
        Assert.Empty(page.FindComponents<MudChart<double>>());
    }

    [Fact]
    public async Task After_evaluations_the_levels_move_and_the_chart_shows_one_line_per_skill()
    {
        var userId = await SignInAsync("ana");
        var otherId = await database.AddUserAsync("ben");
        string[] lines =
        [
            "Thanks for telling me, that sounds hard for you.", "What happened next at your work?",
            "So you mean they moved the meeting again?", "I understand, that must be annoying for you.",
            "How do you feel about it now?",
        ];
        foreach (var line in lines.Concat(lines))
        {
            await database.AddRoomMessageAsync(otherId, "Let me tell you about my day.");
            var id = await database.AddRoomMessageAsync(userId, line);
            await coaching.RecordRoomMessageAsync(userId, 1, id, line, CancellationToken.None);
        }

        var page = Render<TrainingPage>();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll(".skill-card").Count));
        Assert.All(page.FindAll(".skill-level"), chip => Assert.Contains("Level 2 / 5", chip.TextContent, StringComparison.Ordinal));
        var chart = page.FindComponent<MudChart<double>>();
        Assert.Equal(4, chart.Instance.ChartSeries.Count);
        Assert.Equal(2, chart.Instance.ChartLabels.Length);
        Assert.All(chart.Instance.ChartSeries, s => Assert.Equal([100.0, 100.0], s.Data.Values));
        Assert.Empty(page.FindAll("#no-history"));
    }

    [Fact]
    public async Task The_reminder_shows_the_current_focus_once_and_remembers_it_for_the_session()
    {
        await SignInAsync("ana");
        Context.Services.AddSingleton(new ProtectedSessionStorage(Context.JSInterop.JSRuntime, new EphemeralDataProtectionProvider()));
        var snackbars = Render<MudSnackbarProvider>();

        Render<TrainingFocusReminder>();

        snackbars.WaitForAssertion(() => Assert.Contains("Training focus: Empathy.", snackbars.Markup, StringComparison.Ordinal));
        Context.JSInterop.VerifyInvoke("sessionStorage.setItem");
    }

    [Fact]
    public void An_anonymous_visitor_gets_no_reminder()
    {
        Context.AddAuthorization();
        Context.Services.AddSingleton(new ProtectedSessionStorage(Context.JSInterop.JSRuntime, new EphemeralDataProtectionProvider()));
        var snackbars = Render<MudSnackbarProvider>();

        Render<TrainingFocusReminder>();

        Assert.DoesNotContain("Training focus", snackbars.Markup, StringComparison.Ordinal);
        Assert.Empty(Context.JSInterop.Invocations);
    }
}
