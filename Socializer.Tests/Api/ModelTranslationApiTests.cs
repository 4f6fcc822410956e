using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Accounts;
using Socializer.Core.Chat;
using Socializer.Tests.Support;

namespace Socializer.Tests.Api;

/// <summary>
/// POST /api/translate with a real model configured (an OpenAI-compatible endpoint on loopback), and PUT /api/me/settings
/// reaching the user's open pages. Without a model, an unavailable pair stays 422 (CoachingApiTests).
/// </summary>
public sealed class ModelTranslationApiTests
{
    private static ModelApp AppWithModelAt(ScriptedOpenAIServer server) => new(new Dictionary<string, string>
    {
        ["Provider"] = "OpenAICompatible", ["Endpoint"] = server.Endpoint, ["Model"] = "test-model",
    });

    // A generous apertium timeout: on a busy machine a slow apertium would otherwise hand its pair over to the model.
    private sealed class ModelApp(IReadOnlyDictionary<string, string> ai) : AssistantAppFactory(ai)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Translation:Apertium:Timeout", "00:02:00");
        }
    }

    [Fact]
    public async Task A_pair_apertium_lacks_is_translated_by_the_model_and_a_broken_model_is_503_not_500()
    {
        await using var server = await ScriptedOpenAIServer.StartAsync(_ => ScriptedOpenAIServer.Reply.Text("Good morning, friends."));
        await using var app = AppWithModelAt(server);
        var (client, _) = await app.SignedInClientAsync("translate.model@example.com");

        var response = await client.PostAsJsonAsync("/api/translate", new { text = "Guten Morgen, Freunde.", to = "en", from = "de" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Good morning, friends.", body.GetProperty("text").GetString());
        Assert.Equal("AI model test-model", body.GetProperty("engine").GetString());
        Assert.True(body.GetProperty("machineTranslation").GetBoolean());
        Assert.Equal("Machine translation from German (AI model test-model)", body.GetProperty("caption").GetString());

        server.Script(_ => ScriptedOpenAIServer.Reply.Status(500));
        var broken = await client.PostAsJsonAsync("/api/translate", new { text = "Guten Morgen, Freunde.", to = "en", from = "de" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, broken.StatusCode);
        var problem = await broken.ReadProblemAsync();
        Assert.Equal("AI translation from German to English is unavailable right now: the model request failed.", problem.GetProperty("detail").GetString());

        var apertium = await client.PostAsJsonAsync("/api/translate", new { text = "My friends are happy.", to = "es", from = "en" });
        Assert.Equal("apertium", (await apertium.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("engine").GetString());
    }

    [Fact]
    public async Task Saving_settings_through_the_API_reaches_the_users_open_pages()
    {
        await using var server = await ScriptedOpenAIServer.StartAsync(_ => ScriptedOpenAIServer.Reply.Text("unused"));
        await using var app = AppWithModelAt(server);
        var (client, _) = await app.SignedInClientAsync("settings.push@example.com");
        var userId = (await client.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetString()!;
        var pushed = new List<UserEvent>();
        using var _ = app.Services.GetRequiredService<IChatBus>().SubscribeToUser(userId, e => { lock (pushed) pushed.Add(e); return Task.CompletedTask; });

        var put = await client.PutAsJsonAsync("/api/me/settings",
            new { preferredLanguage = "fr", aiTemperature = 0.4, preferredModel = (string?)null, passiveTranslationEnabled = false, coachingHintsEnabled = false });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var changed = Assert.IsType<UserSettingsChanged>(Assert.Single(pushed));
        Assert.Equal(new UserSettings("fr", 0.4, null, false, false), changed.Settings);
    }
}
