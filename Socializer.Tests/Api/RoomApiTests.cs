using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Socializer.Tests.Support;

namespace Socializer.Tests.Api;

public sealed class RoomApiTests(SocializerAppFactory app) : IClassFixture<SocializerAppFactory>
{
    private static async Task<string> MyIdAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetString()!;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Two_users_chat_in_a_private_room_and_a_third_cannot_read_it()
    {
        var (ana, _) = await app.SignedInClientAsync("api-ana@example.com");
        var (ben, _) = await app.SignedInClientAsync("api-ben@example.com");
        var (eve, _) = await app.SignedInClientAsync("api-eve@example.com");
        var benId = await MyIdAsync(ben);

        var room = await JsonAsync(await ana.PostAsJsonAsync("/api/rooms", new { name = "ana+ben", inviteeIds = new[] { benId }, password = "let me in" }), HttpStatusCode.Created);
        var roomId = room.GetProperty("id").GetInt32();
        var invites = await JsonAsync(await ben.GetAsync("/api/invites"), HttpStatusCode.OK);
        var inviteId = invites.EnumerateArray().Single(i => i.GetProperty("roomId").GetInt32() == roomId).GetProperty("id").GetInt32();
        await JsonAsync(await ben.PostAsync($"/api/invites/{inviteId}/accept", null), HttpStatusCode.OK);

        await JsonAsync(await ana.PostAsJsonAsync($"/api/rooms/{roomId}/messages", new { content = "hi ben" }), HttpStatusCode.Created);
        await JsonAsync(await ben.PostAsJsonAsync($"/api/rooms/{roomId}/messages", new { content = "hi ana" }), HttpStatusCode.Created);

        var history = await JsonAsync(await ben.GetAsync($"/api/rooms/{roomId}/messages"), HttpStatusCode.OK);
        Assert.Equal(["hi ben", "hi ana"], history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()));

        var eveReads = await eve.GetAsync($"/api/rooms/{roomId}/messages");
        var eveWrites = await eve.PostAsJsonAsync($"/api/rooms/{roomId}/messages", new { content = "let me in" });
        var eveJoins = await eve.PostAsJsonAsync($"/api/rooms/{roomId}/join", new { password = "guess" });
        var eveSearches = await JsonAsync(await eve.GetAsync("/api/search?q=hi"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, eveReads.StatusCode);
        Assert.DoesNotContain("hi ben", await eveReads.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, eveWrites.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, eveJoins.StatusCode);
        Assert.DoesNotContain(eveSearches.EnumerateArray(), h => h.GetProperty("roomId").GetInt32() == roomId);
    }

    [Fact]
    public async Task Everyone_chats_in_general_and_unread_counts_follow()
    {
        var (ana, _) = await app.SignedInClientAsync("gen-ana@example.com");
        var (ben, _) = await app.SignedInClientAsync("gen-ben@example.com");

        await JsonAsync(await ana.PostAsJsonAsync("/api/rooms/1/messages", new { content = "hello general" }), HttpStatusCode.Created);

        var benRooms = await JsonAsync(await ben.GetAsync("/api/rooms"), HttpStatusCode.OK);
        var general = benRooms.EnumerateArray().First();
        Assert.Equal("general", general.GetProperty("name").GetString());
        Assert.True(general.GetProperty("unreadCount").GetInt32() >= 1);

        Assert.Equal(HttpStatusCode.NoContent, (await ben.PostAsync("/api/rooms/1/read", null)).StatusCode);
        var after = await JsonAsync(await ben.GetAsync("/api/rooms"), HttpStatusCode.OK);
        Assert.Equal(0, after.EnumerateArray().First().GetProperty("unreadCount").GetInt32());
    }

    [Fact]
    public async Task The_seeded_admin_is_in_general_too()
    {
        var client = app.CreateClient();
        var login = await client.LoginAsync(SocializerAppFactory.AdminEmail, SocializerAppFactory.AdminPassword);
        var token = await login.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token!.AccessToken);

        await JsonAsync(await client.PostAsJsonAsync("/api/rooms/1/messages", new { content = "admin here" }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Edit_and_delete_are_for_the_author_only()
    {
        var (ana, _) = await app.SignedInClientAsync("ed-ana@example.com");
        var (ben, _) = await app.SignedInClientAsync("ed-ben@example.com");
        var message = await JsonAsync(await ana.PostAsJsonAsync("/api/rooms/1/messages", new { content = "draft" }), HttpStatusCode.Created);
        var id = message.GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.Forbidden, (await ben.PatchAsJsonAsync($"/api/messages/{id}", new { content = "mine now" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ben.DeleteAsync($"/api/messages/{id}")).StatusCode);
        var edited = await JsonAsync(await ana.PatchAsJsonAsync($"/api/messages/{id}", new { content = "final" }), HttpStatusCode.OK);
        Assert.Equal("final", edited.GetProperty("content").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await ana.DeleteAsync($"/api/messages/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ana.DeleteAsync($"/api/messages/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ana.PatchAsJsonAsync("/api/messages/999999", new { content = "x" })).StatusCode);
    }

    [Theory]
    [InlineData("/api/rooms/1/messages", """{"content":""}""")]
    [InlineData("/api/rooms/1/messages", """{"content":"   "}""")]
    [InlineData("/api/rooms/1/messages", """{"content":"x","sender":"someone-else"}""")]
    [InlineData("/api/rooms/1/messages", """{"content":""")]
    [InlineData("/api/rooms", """{"name":"this name is far too long for a room because it goes on and on and on beyond eighty chars"}""")]
    [InlineData("/api/rooms", """{"name":"pw","password":"abc"}""")]
    [InlineData("/api/rooms", """{"directWithUserId":""}""")]
    [InlineData("/api/rooms/1/leave", "")]
    [InlineData("/api/rooms/1/invites", """{"userId":""}""")]
    public async Task Bad_input_is_a_400_problem_never_a_500(string path, string body)
    {
        var (client, _) = await app.SignedInClientAsync("bad-input@example.com");

        var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await response.ReadProblemAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_too_long_message_is_400_and_names_the_limit()
    {
        var (client, _) = await app.SignedInClientAsync("long@example.com");
        var response = await client.PostAsJsonAsync("/api/rooms/1/messages", new { content = new string('x', 4001) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("4,000", (await response.ReadProblemAsync()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/rooms/1/messages?limit=0")]
    [InlineData("/api/rooms/1/messages?limit=500")]
    [InlineData("/api/rooms/1/messages?before=-3")]
    [InlineData("/api/search?q=")]
    [InlineData("/api/search")]
    public async Task Bad_query_parameters_are_400(string path)
    {
        var (client, _) = await app.SignedInClientAsync("bad-query@example.com");
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/rooms/4242/messages")]
    [InlineData("POST", "/api/rooms/4242/join")]
    [InlineData("POST", "/api/rooms/4242/leave")]
    [InlineData("DELETE", "/api/rooms/4242")]
    [InlineData("POST", "/api/invites/4242/accept")]
    public async Task Unknown_rooms_and_invites_are_404(string method, string path)
    {
        var (client, _) = await app.SignedInClientAsync("unknown@example.com");
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.ReadProblemAsync();
    }

    [Fact]
    public async Task Direct_chats_reopen_and_only_the_creator_deletes_a_group()
    {
        var (ana, _) = await app.SignedInClientAsync("dm-ana@example.com");
        var (ben, _) = await app.SignedInClientAsync("dm-ben@example.com");
        var benId = await MyIdAsync(ben);
        var users = await JsonAsync(await ana.GetAsync("/api/users?query=dm-ben"), HttpStatusCode.OK);
        Assert.Equal(benId, users.EnumerateArray().Single().GetProperty("id").GetString());

        var first = await JsonAsync(await ana.PostAsJsonAsync("/api/rooms", new { directWithUserId = benId }), HttpStatusCode.Created);
        var again = await JsonAsync(await ana.PostAsJsonAsync("/api/rooms", new { directWithUserId = benId }), HttpStatusCode.Created);
        Assert.Equal(first.GetProperty("id").GetInt32(), again.GetProperty("id").GetInt32());
        Assert.Equal("Direct", first.GetProperty("type").GetString());

        var group = await JsonAsync(await ana.PostAsJsonAsync("/api/rooms", new { name = "open", isDiscoverable = true }), HttpStatusCode.Created);
        var groupId = group.GetProperty("id").GetInt32();
        var discovered = await JsonAsync(await ben.GetAsync("/api/rooms/discover"), HttpStatusCode.OK);
        Assert.Contains(discovered.EnumerateArray(), r => r.GetProperty("id").GetInt32() == groupId);
        await JsonAsync(await ben.PostAsync($"/api/rooms/{groupId}/join", null), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, (await ben.DeleteAsync($"/api/rooms/{groupId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ben.PostAsync($"/api/rooms/{groupId}/leave", null)).StatusCode);
        await JsonAsync(await ben.PostAsync($"/api/rooms/{groupId}/join", null), HttpStatusCode.OK); // rejoin, no 500
        Assert.Equal(HttpStatusCode.NoContent, (await ana.DeleteAsync($"/api/rooms/{groupId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.GetAsync($"/api/rooms/{groupId}/messages")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        var response = await app.CreateClient().GetAsync("/api/rooms");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
