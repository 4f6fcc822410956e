using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Data;
using Socializer.Tests.Support;

namespace Socializer.Tests.Api;

public sealed class AssistantApiTests(AssistantAppFactory app) : IClassFixture<AssistantAppFactory>
{
    /// <summary>Exactly what `curl -X POST ... -d '{"message": "Hello"}'` sends: a form content type with a JSON body.</summary>
    private static StringContent CurlBody(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");

    private async Task<int> AiMessageCountAsync()
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.AiMessages.CountAsync();
    }

    [Fact]
    public async Task The_origin_reports_curl_shape_gets_an_answer()
    {
        var (client, _) = await app.SignedInClientAsync("curl@example.com");

        var response = await client.PostAsync("/api/ai-chat", CurlBody("""{"message": "Hello"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("offline assistant", body.GetProperty("response").GetString());
        Assert.True(body.GetProperty("conversationId").GetInt32() > 0);
        Assert.Equal(0, body.GetProperty("toolsUsed").GetArrayLength());
        Assert.Equal("offline", body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Remember_then_ask_who_I_am_in_a_new_conversation_then_list_and_read_it()
    {
        var (client, _) = await app.SignedInClientAsync("remember@example.com");

        var first = await (await client.PostAsJsonAsync("/api/ai-chat", new { message = "Remember that my name is Ana" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("remember_fact", first.GetProperty("toolsUsed")[0].GetString());
        var second = await (await client.PostAsJsonAsync("/api/ai-chat", new { message = "Who am I?" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Ana", second.GetProperty("response").GetString());
        Assert.NotEqual(first.GetProperty("conversationId").GetInt32(), second.GetProperty("conversationId").GetInt32());

        var followUp = await client.PostAsJsonAsync("/api/ai-chat", new { message = "what is my name", conversationId = second.GetProperty("conversationId").GetInt32() });
        Assert.Equal(second.GetProperty("conversationId").GetInt32(), (await followUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetInt32());

        var list = await client.GetFromJsonAsync<JsonElement>("/api/ai-chat/conversations");
        Assert.Equal(2, list.GetArrayLength());
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/ai-chat/conversations/{second.GetProperty("conversationId").GetInt32()}");
        Assert.Equal(4, detail.GetProperty("messages").GetArrayLength());
        Assert.Equal("User", detail.GetProperty("messages")[0].GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("""{"message": ""}""", "message")]
    [InlineData("""{"message": "   "}""", "message")]
    [InlineData("""{"conversationId": 1}""", "message")]
    [InlineData("", "message")]
    [InlineData("""{"message": "hi",""", null)]
    [InlineData("""{"message": 42}""", null)]
    [InlineData("""{"message": "hi", "userId": "someone-else"}""", null)]
    [InlineData("""["hi"]""", null)]
    [InlineData("message=hi", null)]
    public async Task Bad_input_is_400_problem_details_and_stores_nothing(string body, string? field)
    {
        var (client, _) = await app.SignedInClientAsync("bad@example.com");
        var before = await AiMessageCountAsync();

        var response = await client.PostAsync("/api/ai-chat", CurlBody(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await AiMessageCountAsync());
    }

    [Fact]
    public async Task An_over_long_message_is_400_and_stores_nothing()
    {
        var (client, _) = await app.SignedInClientAsync("long@example.com");
        var before = await AiMessageCountAsync();

        var response = await client.PostAsJsonAsync("/api/ai-chat", new { message = new string('a', 4001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("4000", (await response.ReadProblemAsync()).GetProperty("errors").GetProperty("message")[0].GetString());
        Assert.Equal(before, await AiMessageCountAsync());
    }

    [Fact]
    public async Task Without_a_token_it_is_401()
    {
        var response = await app.CreateClient().PostAsync("/api/ai-chat", CurlBody("""{"message": "Hello"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Another_users_conversation_is_404_everywhere()
    {
        var (ana, _) = await app.SignedInClientAsync("ana.api@example.com");
        var (ben, _) = await app.SignedInClientAsync("ben.api@example.com");
        var reply = await (await ana.PostAsJsonAsync("/api/ai-chat", new { message = "remember that my secret is tangerine" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = reply.GetProperty("conversationId").GetInt32();

        Assert.Equal(HttpStatusCode.NotFound, (await ben.GetAsync($"/api/ai-chat/conversations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.DeleteAsync($"/api/ai-chat/conversations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.PostAsJsonAsync("/api/ai-chat", new { message = "what is my secret", conversationId = id })).StatusCode);
        var bensAnswer = await (await ben.PostAsJsonAsync("/api/ai-chat", new { message = "what is my secret" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain("tangerine", bensAnswer.GetProperty("response").GetString());
        Assert.Equal(0, (await ben.GetFromJsonAsync<JsonElement>("/api/me/memory")).GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await ana.DeleteAsync($"/api/ai-chat/conversations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ana.GetAsync($"/api/ai-chat/conversations/{id}")).StatusCode);
    }

    [Fact]
    public async Task Memory_and_settings_over_the_api()
    {
        var (client, _) = await app.SignedInClientAsync("me.api@example.com");
        await client.PostAsJsonAsync("/api/ai-chat", new { message = "remember that my favourite food is paella" });

        var items = await client.GetFromJsonAsync<JsonElement>("/api/me/memory");
        var id = items[0].GetProperty("id").GetInt32();
        var put = await client.PutAsJsonAsync($"/api/me/memory/{id}", new { key = "favourite food", value = "tortilla", category = "Preference" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync($"/api/me/memory/{id}", new { key = "", value = "x" })).StatusCode);
        Assert.Equal("tortilla", (await client.GetFromJsonAsync<JsonElement>($"/api/me/memory/{id}")).GetProperty("value").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/me/memory/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/me/memory/{id}")).StatusCode);

        var settings = await client.GetFromJsonAsync<JsonElement>("/api/me/settings");
        Assert.Equal(0.7, settings.GetProperty("aiTemperature").GetDouble());
        var bad = await client.PutAsJsonAsync("/api/me/settings", new { preferredLanguage = "en", aiTemperature = 5, preferredModel = (string?)null, passiveTranslationEnabled = true, coachingHintsEnabled = true });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.ReadProblemAsync()).GetProperty("errors").TryGetProperty("aiTemperature", out _));
        var good = await client.PutAsJsonAsync("/api/me/settings", new { preferredLanguage = "es", aiTemperature = 0.2, preferredModel = (string?)null, passiveTranslationEnabled = false, coachingHintsEnabled = true });
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("es", (await client.GetFromJsonAsync<JsonElement>("/api/me/settings")).GetProperty("preferredLanguage").GetString());
    }

    [Fact]
    public async Task Two_hundred_concurrent_requests_from_several_users_all_succeed_and_leave_no_live_context()
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < 4; i++) clients.Add((await app.SignedInClientAsync($"load{i}@example.com")).Client);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            clients[i % clients.Count].PostAsync("/api/ai-chat", CurlBody(i % 2 == 0 ? """{"message": "Hello"}""" : """{"message": "remember that my lucky number is 7"}"""))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(0, app.Contexts.Live);
        Assert.True(app.Contexts.Created >= 200 * 3);
    }
}

public sealed class AssistantApiFailureTests
{
    [Fact]
    public async Task A_model_that_is_down_is_503_problem_details_and_the_message_is_kept()
    {
        await using var app = new AssistantAppFactory(new Dictionary<string, string>
        {
            ["Provider"] = "OpenAICompatible", ["Endpoint"] = $"http://127.0.0.1:{AssistantAppFactory.ClosedPort()}/v1", ["Model"] = "llama3.2",
        });
        var (client, _) = await app.SignedInClientAsync("down@example.com");

        var response = await client.PostAsync("/api/ai-chat", new StringContent("""{"message": "Hello"}""", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Contains("saved", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("   at ", problem.ToString());
        var id = problem.GetProperty("conversationId").GetInt32();
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/ai-chat/conversations/{id}");
        Assert.Equal("Hello", detail.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal("Error", detail.GetProperty("messages")[1].GetProperty("role").GetString());
        Assert.Equal(0, app.Contexts.Live);
    }

    [Fact]
    public async Task Past_the_per_user_limit_it_is_429()
    {
        await using var app = new AssistantAppFactory(new Dictionary<string, string> { ["RequestsPerMinutePerUser"] = "2" });
        var (client, _) = await app.SignedInClientAsync("limited@example.com");
        var (other, _) = await app.SignedInClientAsync("other@example.com");

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) codes.Add((await client.PostAsJsonAsync("/api/ai-chat", new { message = "Hello" })).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], codes);
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsJsonAsync("/api/ai-chat", new { message = "Hello" })).StatusCode);
    }
}
