using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Data;
using Socializer.Tests.Support;

namespace Socializer.Tests.Api;

public sealed class CoachingApiTests(SocializerAppFactory app) : IClassFixture<SocializerAppFactory>
{
    [Fact]
    public async Task Registration_gives_the_default_plan_and_training_shows_it()
    {
        var (client, _) = await app.SignedInClientAsync("trainee@example.com");

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var userId = await db.Users.Where(u => u.Email == "trainee@example.com").Select(u => u.Id).SingleAsync();
            Assert.Equal(4, await db.UserSkills.CountAsync(s => s.UserId == userId));
            Assert.Equal(4, await db.Trainings.CountAsync(t => t.UserId == userId));
        }
        var training = await client.GetFromJsonAsync<JsonElement>("/api/me/training");

        Assert.Equal(4, training.GetProperty("skills").GetArrayLength());
        Assert.Equal("Empathy", training.GetProperty("currentFocus").GetProperty("skillName").GetString());
    }

    [Fact]
    public async Task Training_and_life_events_need_a_bearer_token()
    {
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/training")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/life-events")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/translate", new { text = "hi", to = "es" })).StatusCode);
    }

    [Fact]
    public async Task Life_events_round_trip_and_stay_private()
    {
        var (ana, _) = await app.SignedInClientAsync("ana.events@example.com");
        var (ben, _) = await app.SignedInClientAsync("ben.events@example.com");

        var created = await ana.PostAsJsonAsync("/api/me/life-events", new { title = "New job", occurredOn = "2025-02-01", category = "work", description = (string?)null });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var updated = await ana.PutAsJsonAsync($"/api/me/life-events/{id}", new { title = "Newer job", occurredOn = "2025-03-01", category = "work", description = "Team lead" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var list = await ana.GetFromJsonAsync<JsonElement>("/api/me/life-events");
        Assert.Equal("Newer job", list[0].GetProperty("title").GetString());
        var timeline = await ana.GetFromJsonAsync<JsonElement>("/api/me/life-events/timeline");
        Assert.Equal(2025, timeline[0].GetProperty("year").GetInt32());

        Assert.Equal(0, (await ben.GetFromJsonAsync<JsonElement>("/api/me/life-events")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await ben.GetAsync($"/api/me/life-events/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.DeleteAsync($"/api/me/life-events/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await ana.DeleteAsync($"/api/me/life-events/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ana.GetAsync($"/api/me/life-events/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"title":"","occurredOn":"2025-01-01"}""", "title")]
    [InlineData("""{"title":"Trip"}""", "occurredOn")]
    public async Task A_bad_life_event_is_a_400_naming_the_field(string body, string field)
    {
        var (client, _) = await app.SignedInClientAsync("bad.events@example.com");

        var response = await client.PostAsync("/api/me/life-events", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/me/life-events")).GetArrayLength());
    }

    [Fact]
    public async Task Translate_returns_a_machine_translation_through_apertium()
    {
        var (client, _) = await app.SignedInClientAsync("translator@example.com");

        var response = await client.PostAsJsonAsync("/api/translate", new { text = "My friends are happy.", to = "es", from = "en" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("amigos", body.GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(body.GetProperty("machineTranslation").GetBoolean());
        Assert.Equal("apertium", body.GetProperty("engine").GetString());
    }

    [Fact]
    public async Task Translate_says_when_a_pair_is_not_available_and_refuses_bad_input()
    {
        var (client, _) = await app.SignedInClientAsync("translator2@example.com");

        var unavailable = await client.PostAsJsonAsync("/api/translate", new { text = "Guten Tag", to = "ja", from = "de" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unavailable.StatusCode);
        Assert.Equal("Translation is not available for this pair.", (await unavailable.ReadProblemAsync()).GetProperty("title").GetString());

        var bad = await client.PostAsJsonAsync("/api/translate", new { text = "", to = "??" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ReadProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("text", out _));
        Assert.True(errors.TryGetProperty("to", out _));
    }
}
