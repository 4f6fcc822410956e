using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Socializer.Tests.Browser;
using Socializer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Socializer.Tests.MultiInstance;

/// <summary>Two real instances behind no load balancer: each person's browser talks to one of them.</summary>
[Collection(MultiInstanceCollection.Name)]
public sealed class TwoInstanceTests(TwoInstanceFixture fixture)
{
    [Fact]
    public async Task A_user_on_A_and_a_user_on_B_chat_live_and_see_each_other_online()
    {
        var ann = await fixture.NewPageAsync(fixture.A);
        var ben = await fixture.NewPageAsync(fixture.B);
        await JourneyAsync(nameof(A_user_on_A_and_a_user_on_B_chat_live_and_see_each_other_online), [ann, ben], async () =>
        {
            await BrowserTest.RegisterAsync(ann, "ann.multi@example.com", "annmulti");
            await BrowserTest.RegisterAsync(ben, "ben.multi@example.com", "benmulti");
            await ann.OpenChatAsync();
            await ben.OpenChatAsync();

            await Expect(ann.Member("benmulti").Presence("online")).ToBeVisibleAsync();
            await Expect(ben.Member("annmulti").Presence("online")).ToBeVisibleAsync();

            await ann.SendMessageAsync("Hello from instance A");
            await Expect(ben.GetByText("Hello from instance A")).ToBeVisibleAsync();
            await ben.SendMessageAsync("Hi from instance B");
            await Expect(ann.GetByText("Hi from instance B")).ToBeVisibleAsync();

            await ben.MessageBox().FillAsync("Still writing on B");
            await Expect(ann.GetByText("benmulti is typing…")).ToBeVisibleAsync();

            // Ben's browser closes: instance A shows him offline.
            await ben.Context.CloseAsync();
            await Expect(ann.Member("benmulti").Presence("offline")).ToBeVisibleAsync();

            // Ann's cookie was issued by A; B reads it because the key ring is shared through Redis.
            await ann.OpenChatAsync(new Uri(fixture.B.BaseAddress, "/chat").ToString());
            await Expect(ann.GetByText("Hi from instance B")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task A_message_posted_through_A_s_API_is_visible_through_B_s_API_with_a_token_issued_by_A()
    {
        using var a = new HttpClient { BaseAddress = fixture.A.BaseAddress };
        using var b = new HttpClient { BaseAddress = fixture.B.BaseAddress };
        (await a.RegisterAsync("cy.multi@example.com")).EnsureSuccessStatusCode();
        var login = await a.LoginAsync("cy.multi@example.com");
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<TokenResponse>())!;
        a.DefaultRequestHeaders.Authorization = b.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);

        var rooms = await b.GetFromJsonAsync<JsonElement>("/api/rooms"); // B accepts A's token
        var general = rooms.EnumerateArray().First().GetProperty("id").GetInt32();
        var posted = await a.PostAsJsonAsync($"/api/rooms/{general}/messages", new { content = "Posted through A" });
        posted.EnsureSuccessStatusCode();

        var onB = await b.GetFromJsonAsync<JsonElement>($"/api/rooms/{general}/messages");
        Assert.Contains(onB.GetProperty("messages").EnumerateArray(), m => m.GetProperty("content").GetString() == "Posted through A");
    }

    [Fact]
    public async Task Each_instance_reports_the_bus_healthy_and_knows_the_other()
    {
        foreach (var (instance, other) in new[] { (fixture.A, "B"), (fixture.B, "A") })
        {
            using var http = new HttpClient { BaseAddress = instance.BaseAddress };
            await Eventually.TrueAsync(async () => (await BusEntryAsync(http)).Description.Contains("1 other instance is live", StringComparison.Ordinal),
                $"{instance.Name} sees {other}");
            var (status, description) = await BusEntryAsync(http);
            Assert.Equal("Healthy", status);
            Assert.Contains("Redis bus connected", description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task When_Redis_dies_each_instance_keeps_serving_its_users_says_so_and_recovers_when_it_returns()
    {
        var dee = await fixture.NewPageAsync(fixture.A);
        var eve = await fixture.NewPageAsync(fixture.B);
        var admin = await fixture.NewPageAsync(fixture.A);
        using var healthA = new HttpClient { BaseAddress = fixture.A.BaseAddress };
        using var healthB = new HttpClient { BaseAddress = fixture.B.BaseAddress };
        try
        {
            await JourneyAsync(nameof(When_Redis_dies_each_instance_keeps_serving_its_users_says_so_and_recovers_when_it_returns), [dee, eve, admin], async () =>
            {
                await BrowserTest.RegisterAsync(dee, "dee.multi@example.com", "deemulti");
                await BrowserTest.RegisterAsync(eve, "eve.multi@example.com", "evemulti");
                await dee.OpenChatAsync();
                await eve.OpenChatAsync();
                await LogInAsync(admin, TwoInstanceFixture.AdminEmail, TwoInstanceFixture.AdminPassword);
                await admin.GotoAsync("/admin/health");
                await Expect(admin.GetByTestId("bus-state")).ToHaveTextAsync("Healthy");

                await fixture.Redis.StopAsync();

                // A still serves Dee: her message is stored and shown to her, with no error.
                await dee.SendMessageAsync("Sent while Redis is down");
                await Expect(dee.GetByText("Sent while Redis is down")).ToBeVisibleAsync();
                await Expect(dee.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
                // The health page and the readiness check say so, in a sentence, without taking A out of the pool.
                await Expect(admin.GetByTestId("bus-state")).ToHaveTextAsync("Degraded");
                await Expect(admin.GetByTestId("bus-description")).ToContainTextAsync("keeps serving its own users");
                var ready = await healthA.GetAsync(new Uri("/health/ready", UriKind.Relative));
                Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
                var (status, description) = await BusEntryAsync(healthA);
                Assert.Equal("Degraded", status);
                Assert.Contains("is unreachable", description, StringComparison.Ordinal);

                await fixture.Redis.StartAsync();

                await Eventually.TrueAsync(async () => (await BusEntryAsync(healthA)).Status == "Healthy" && (await BusEntryAsync(healthB)).Status == "Healthy",
                    "both instances report the bus healthy again", 60);
                await Expect(admin.GetByTestId("bus-state")).ToHaveTextAsync("Healthy");
                await Expect(eve.Member("deemulti").Presence("online")).ToBeVisibleAsync();
                await dee.SendMessageAsync("Redis is back");
                await Expect(eve.GetByText("Redis is back")).ToBeVisibleAsync();
            });
        }
        finally
        {
            await fixture.Redis.StartAsync(); // the other tests need it
        }
    }

    private static async Task<(string Status, string Description)> BusEntryAsync(HttpClient http)
    {
        var report = await http.GetFromJsonAsync<JsonElement>("/health/ready");
        var bus = report.GetProperty("entries").GetProperty("bus");
        return (bus.GetProperty("status").GetString()!, bus.GetProperty("description").GetString()!);
    }

    private static async Task LogInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.Ordinal));
    }

    /// <summary>On failure: a screenshot of every page and both instances' recent output, then the original error.</summary>
    private async Task JourneyAsync(string name, IPage[] pages, Func<Task> journey)
    {
        try
        {
            await journey();
        }
        catch (Exception ex)
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            for (var i = 0; i < pages.Length; i++)
                if (!pages[i].IsClosed) await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{i}.png"), FullPage = true });
            throw new InvalidOperationException(
                $"{ex.Message}\n--- instance A ---\n{fixture.A.RecentOutput}\n--- instance B ---\n{fixture.B.RecentOutput}", ex);
        }
    }
}
