using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Memory;
using Socializer.Tests.Support;
using Socializer.Web.Components.Profile;

namespace Socializer.Tests.Components.Profile;

public sealed class LifeEventsPageTests : MudTestContext, IAsyncLifetime
{
    private TestDatabase database = null!;
    private LifeEventService lifeEvents = null!;
    private string userId = "";

    async Task IAsyncLifetime.InitializeAsync()
    {
        database = await TestDatabase.CreateMigratedAsync();
        lifeEvents = new LifeEventService(database.Factory, CoachingTestData.NewProtector());
        Context.Services.AddSingleton(lifeEvents);
        userId = await database.AddUserAsync("ana");
        Context.AddAuthorization().SetAuthorized("ana").SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await database.DisposeAsync();
    }

    private static LifeEventInput Input(string title, int year) => new(title, null, "work", new DateOnly(year, 5, 1));

    [Fact]
    public void An_empty_timeline_invites_the_user_to_add_an_event()
    {
        var page = Render<LifeEventsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#no-events")));
        Assert.NotNull(page.Find("#add-event"));
    }

    [Fact]
    public async Task Shows_the_users_events_on_a_timeline_in_date_order()
    {
        await lifeEvents.AddAsync(userId, Input("Second job", 2022), CancellationToken.None);
        await lifeEvents.AddAsync(userId, Input("First job", 2018), CancellationToken.None);
        var someoneElse = await database.AddUserAsync("ben");
        await lifeEvents.AddAsync(someoneElse, Input("Ben's secret", 2020), CancellationToken.None);

        var page = Render<LifeEventsPage>();

        page.WaitForAssertion(() => Assert.Equal(["First job", "Second job"], page.FindAll(".event-title").Select(t => t.TextContent.Trim())));
        Assert.DoesNotContain("Ben's secret", page.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("button[aria-label='Edit First job']"));
    }

    [Fact]
    public async Task Adds_an_event_through_the_form()
    {
        var page = Render<LifeEventsPage>();
        page.WaitForAssertion(() => page.Find("#add-event"));

        await page.Find("#add-event").ClickAsync(new());
        await page.Find("#event-title").InputAsync(new() { Value = "Ran a marathon" });
        await page.Find("#event-date").InputAsync(new() { Value = "2023-10-08" });
        await page.Find("#event-description").InputAsync(new() { Value = "Four hours, no regrets" });
        await page.Find("#save-event").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(["Ran a marathon"], page.FindAll(".event-title").Select(t => t.TextContent.Trim())));
        Assert.Contains("Life event added.", page.Find("#page-message").TextContent, StringComparison.Ordinal);
        var stored = Assert.Single(await lifeEvents.ListAsync(userId, CancellationToken.None));
        Assert.Equal(("Ran a marathon", new DateOnly(2023, 10, 8), "Four hours, no regrets"), (stored.Title, stored.OccurredOn, stored.Description));
    }

    [Fact]
    public async Task A_missing_title_shows_an_error_and_stores_nothing()
    {
        var page = Render<LifeEventsPage>();
        page.WaitForAssertion(() => page.Find("#add-event"));

        await page.Find("#add-event").ClickAsync(new());
        await page.Find("#save-event").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("A title is required.", page.Markup, StringComparison.Ordinal));
        Assert.NotNull(page.Find("#event-form"));
        Assert.Empty(await lifeEvents.ListAsync(userId, CancellationToken.None));
    }

    [Fact]
    public async Task Edits_an_event()
    {
        await lifeEvents.AddAsync(userId, Input("Moved to Lisbon", 2021), CancellationToken.None);
        var page = Render<LifeEventsPage>();
        page.WaitForAssertion(() => page.Find("button[aria-label='Edit Moved to Lisbon']"));

        await page.Find("button[aria-label='Edit Moved to Lisbon']").ClickAsync(new());
        Assert.Equal("Moved to Lisbon", page.Find("#event-title").GetAttribute("value"));
        await page.Find("#event-title").InputAsync(new() { Value = "Moved to Porto" });
        await page.Find("#save-event").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(["Moved to Porto"], page.FindAll(".event-title").Select(t => t.TextContent.Trim())));
        Assert.Equal("Moved to Porto", (await lifeEvents.ListAsync(userId, CancellationToken.None)).Single().Title);
    }

    [Fact]
    public async Task Deletes_an_event_after_confirmation()
    {
        await lifeEvents.AddAsync(userId, Input("Keep me", 2019), CancellationToken.None);
        await lifeEvents.AddAsync(userId, Input("Delete me", 2020), CancellationToken.None);
        var page = Render<LifeEventsPage>();
        page.WaitForAssertion(() => page.Find("button[aria-label='Delete Delete me']"));

        await page.Find("button[aria-label='Delete Delete me']").ClickAsync(new());
        Assert.Equal(2, (await lifeEvents.ListAsync(userId, CancellationToken.None)).Count);
        await page.Find(".confirm-delete").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(["Keep me"], page.FindAll(".event-title").Select(t => t.TextContent.Trim())));
        Assert.Equal(["Keep me"], (await lifeEvents.ListAsync(userId, CancellationToken.None)).Select(e => e.Title));
    }
}
