using System.Net;
using System.Text;
using System.Text.Json;
using Socializer.Core.Chat;
using Socializer.Tests.Support;

namespace Socializer.Tests.Reliability;

/// <summary>
/// The bad-input matrix over HTTP: every row is a request that must be refused with its 4xx and a problem-details
/// body that says why, must not be a 500, and must leave the database exactly as it was. The rows are the list in
/// docs/reliability.md ("Bad input").
/// </summary>
public sealed class BadInputApiTests(BadInputFixture fx) : IClassFixture<BadInputFixture>
{
    /// <summary>One row: who sends what where, and the status it must get. Placeholders in braces are Ana's ids.</summary>
    public sealed record Row(string Who, string Method, string Path, string? Body, HttpStatusCode Expected, string ContentType = "application/json");

    private static readonly string OverLongMessage = new('x', Message.ContentMaxLength + 1);
    private static readonly string TenThousandCharacterWord = new('w', 10_000);
    private static readonly string TenMegabytes = new('m', 10 * 1024 * 1024);
    private const string Settings = "\"preferredLanguage\":\"en\",\"passiveTranslationEnabled\":false,\"coachingHintsEnabled\":true";

    public static readonly Dictionary<string, Row> Rows = new()
    {
        // Chat messages
        ["message: empty"] = new("ana", "POST", "/api/rooms/{room}/messages", """{"content":""}""", HttpStatusCode.BadRequest),
        ["message: whitespace only"] = new("ana", "POST", "/api/rooms/{room}/messages", """{"content":" \t\n\u00A0 "}""", HttpStatusCode.BadRequest),
        ["message: null"] = new("ana", "POST", "/api/rooms/{room}/messages", """{"content":null}""", HttpStatusCode.BadRequest),
        ["message: no body"] = new("ana", "POST", "/api/rooms/{room}/messages", "", HttpStatusCode.BadRequest),
        ["message: over-long"] = new("ana", "POST", "/api/rooms/{room}/messages", $$"""{"content":"{{OverLongMessage}}"}""", HttpStatusCode.BadRequest),
        ["message: 10,000-character word"] = new("ana", "POST", "/api/rooms/{room}/messages", $$"""{"content":"{{TenThousandCharacterWord}}"}""", HttpStatusCode.BadRequest),
        ["message: 10 MB body"] = new("ana", "POST", "/api/rooms/{room}/messages", $$"""{"content":"{{TenMegabytes}}"}""", HttpStatusCode.RequestEntityTooLarge),
        ["message: malformed JSON"] = new("ana", "POST", "/api/rooms/{room}/messages", """{"content":"hi""", HttpStatusCode.BadRequest),
        ["message: not JSON at all"] = new("ana", "POST", "/api/rooms/{room}/messages", "content=hi", HttpStatusCode.UnsupportedMediaType, "application/x-www-form-urlencoded"),
        ["message: number instead of text"] = new("ana", "POST", "/api/rooms/{room}/messages", """{"content":42}""", HttpStatusCode.BadRequest),
        ["message: array instead of text"] = new("ana", "POST", "/api/rooms/{room}/messages", """{"content":["hi"]}""", HttpStatusCode.BadRequest),
        ["message: unknown field"] = new("ana", "POST", "/api/rooms/{room}/messages", """{"content":"hi","senderId":"someone-else"}""", HttpStatusCode.BadRequest),
        ["message: NUL character"] = new("ana", "POST", "/api/rooms/{room}/messages", """{"content":"hi\u0000there"}""", HttpStatusCode.BadRequest),
        ["message: bell control character"] = new("ana", "POST", "/api/rooms/{room}/messages", """{"content":"ding\u0007"}""", HttpStatusCode.BadRequest),
        ["message: terminal escape sequence"] = new("ana", "POST", "/api/rooms/{room}/messages", """{"content":"\u001b[31mred"}""", HttpStatusCode.BadRequest),
        ["message: lone high surrogate"] = new("ana", "POST", "/api/rooms/{room}/messages", """{"content":"a\ud800b"}""", HttpStatusCode.BadRequest),
        ["message: lone low surrogate"] = new("ana", "POST", "/api/rooms/{room}/messages", """{"content":"a\udc00"}""", HttpStatusCode.BadRequest),
        ["message: invalid UTF-8 bytes"] = new("ana", "POST", "/api/rooms/{room}/messages", "{\"content\":\"\u00FF\u00FE\"}", HttpStatusCode.BadRequest, "latin1"),
        ["message: room that does not exist"] = new("ana", "POST", "/api/rooms/987654/messages", """{"content":"hi"}""", HttpStatusCode.NotFound),
        ["message: negative room id"] = new("ana", "POST", "/api/rooms/-1/messages", """{"content":"hi"}""", HttpStatusCode.NotFound),
        ["message: room id beyond int"] = new("ana", "POST", "/api/rooms/99999999999/messages", """{"content":"hi"}""", HttpStatusCode.NotFound),
        ["unknown API path"] = new("ana", "GET", "/api/no-such-thing", null, HttpStatusCode.NotFound),
        ["wrong method"] = new("ana", "PUT", "/api/rooms/{room}/messages", """{"content":"hi"}""", HttpStatusCode.MethodNotAllowed),
        ["message: into someone else's room"] = new("carl", "POST", "/api/rooms/{room}/messages", """{"content":"let me in"}""", HttpStatusCode.NotFound),
        ["message edit: empty"] = new("ana", "PATCH", "/api/messages/{message}", """{"content":"  "}""", HttpStatusCode.BadRequest),
        ["message edit: NUL character"] = new("ana", "PATCH", "/api/messages/{message}", """{"content":"\u0000"}""", HttpStatusCode.BadRequest),
        ["message edit: someone else's"] = new("ben", "PATCH", "/api/messages/{message}", """{"content":"mine now"}""", HttpStatusCode.NotFound),
        ["message delete: someone else's"] = new("ben", "DELETE", "/api/messages/{message}", null, HttpStatusCode.NotFound),
        ["message edit: does not exist"] = new("ana", "PATCH", "/api/messages/987654321", """{"content":"x"}""", HttpStatusCode.NotFound),

        // Paging and search
        ["history: negative limit"] = new("ana", "GET", "/api/rooms/{room}/messages?limit=-1", null, HttpStatusCode.BadRequest),
        ["history: zero limit"] = new("ana", "GET", "/api/rooms/{room}/messages?limit=0", null, HttpStatusCode.BadRequest),
        ["history: huge limit"] = new("ana", "GET", "/api/rooms/{room}/messages?limit=1000000", null, HttpStatusCode.BadRequest),
        ["history: limit beyond int"] = new("ana", "GET", "/api/rooms/{room}/messages?limit=99999999999", null, HttpStatusCode.BadRequest),
        ["history: limit not a number"] = new("ana", "GET", "/api/rooms/{room}/messages?limit=ten", null, HttpStatusCode.BadRequest),
        ["history: negative before"] = new("ana", "GET", "/api/rooms/{room}/messages?before=-5", null, HttpStatusCode.BadRequest),
        ["history: before beyond long"] = new("ana", "GET", "/api/rooms/{room}/messages?before=99999999999999999999", null, HttpStatusCode.BadRequest),
        ["history: someone else's room"] = new("carl", "GET", "/api/rooms/{room}/messages", null, HttpStatusCode.NotFound),
        ["search: nothing to search for"] = new("ana", "GET", "/api/search?q=%20%27%3B--", null, HttpStatusCode.BadRequest),

        // Rooms and invites
        ["room: over-long name"] = new("ana", "POST", "/api/rooms", $$"""{"name":"{{new string('r', Room.NameMaxLength + 1)}}"}""", HttpStatusCode.BadRequest),
        ["room: 10,000-character name"] = new("ana", "POST", "/api/rooms", $$"""{"name":"{{TenThousandCharacterWord}}"}""", HttpStatusCode.BadRequest),
        ["room: NUL in name"] = new("ana", "POST", "/api/rooms", """{"name":"nul\u0000room"}""", HttpStatusCode.BadRequest),
        ["room: invitees not a list"] = new("ana", "POST", "/api/rooms", """{"name":"ok","inviteeIds":"everyone"}""", HttpStatusCode.BadRequest),
        ["room: flag not a boolean"] = new("ana", "POST", "/api/rooms", """{"name":"ok","aiEnabled":"yes"}""", HttpStatusCode.BadRequest),
        ["room: unknown field"] = new("ana", "POST", "/api/rooms", """{"name":"ok","ownerId":"someone"}""", HttpStatusCode.BadRequest),
        ["room: direct chat with nobody"] = new("ana", "POST", "/api/rooms", """{"directWithUserId":"no-such-user"}""", HttpStatusCode.NotFound),
        ["room: read someone else's"] = new("carl", "GET", "/api/rooms/{room}", null, HttpStatusCode.NotFound),
        ["room: members of someone else's"] = new("carl", "GET", "/api/rooms/{room}/members", null, HttpStatusCode.NotFound),
        ["room: delete someone else's"] = new("carl", "DELETE", "/api/rooms/{room}", null, HttpStatusCode.NotFound),
        ["room: join a private room"] = new("carl", "POST", "/api/rooms/{room}/join", """{"password":"guess"}""", HttpStatusCode.NotFound),
        ["room: invite into someone else's"] = new("carl", "POST", "/api/rooms/{room}/invites", """{"userId":"{ben}"}""", HttpStatusCode.NotFound),
        ["invite: someone else's accepted"] = new("carl", "POST", "/api/invites/{invite}/accept", null, HttpStatusCode.NotFound),
        ["invite: someone else's declined"] = new("carl", "POST", "/api/invites/{invite}/decline", null, HttpStatusCode.NotFound),
        ["invite: does not exist"] = new("ben", "POST", "/api/invites/987654/accept", null, HttpStatusCode.NotFound),

        // The assistant
        ["ai: empty message"] = new("ana", "POST", "/api/ai-chat", """{"message":""}""", HttpStatusCode.BadRequest),
        ["ai: whitespace only"] = new("ana", "POST", "/api/ai-chat", """{"message":"   \n  "}""", HttpStatusCode.BadRequest),
        ["ai: no body"] = new("ana", "POST", "/api/ai-chat", "", HttpStatusCode.BadRequest),
        ["ai: over-long"] = new("ana", "POST", "/api/ai-chat", $$"""{"message":"{{OverLongMessage}}"}""", HttpStatusCode.BadRequest),
        ["ai: 10,000-character word"] = new("ana", "POST", "/api/ai-chat", $$"""{"message":"{{TenThousandCharacterWord}}"}""", HttpStatusCode.BadRequest),
        ["ai: 10 MB body"] = new("ana", "POST", "/api/ai-chat", $$"""{"message":"{{TenMegabytes}}"}""", HttpStatusCode.RequestEntityTooLarge),
        ["ai: malformed JSON"] = new("ana", "POST", "/api/ai-chat", """{"message":""", HttpStatusCode.BadRequest),
        ["ai: number instead of text"] = new("ana", "POST", "/api/ai-chat", """{"message":5}""", HttpStatusCode.BadRequest),
        ["ai: conversation id not a number"] = new("ana", "POST", "/api/ai-chat", """{"message":"hi","conversationId":"abc"}""", HttpStatusCode.BadRequest),
        ["ai: a model of the user's choosing"] = new("ana", "POST", "/api/ai-chat", """{"message":"hi","model":"gpt-4"}""", HttpStatusCode.BadRequest),
        ["ai: an endpoint of the user's choosing"] = new("ana", "POST", "/api/ai-chat", """{"message":"hi","endpoint":"http://169.254.169.254/"}""", HttpStatusCode.BadRequest),
        ["ai: NUL character"] = new("ana", "POST", "/api/ai-chat", """{"message":"hi\u0000"}""", HttpStatusCode.BadRequest),
        ["ai: lone surrogate"] = new("ana", "POST", "/api/ai-chat", """{"message":"\ud800"}""", HttpStatusCode.BadRequest),
        ["ai: conversation that does not exist"] = new("ana", "POST", "/api/ai-chat", """{"message":"hi","conversationId":987654}""", HttpStatusCode.NotFound),
        ["ai: negative conversation id"] = new("ana", "POST", "/api/ai-chat", """{"message":"hi","conversationId":-1}""", HttpStatusCode.NotFound),
        ["ai: someone else's conversation"] = new("ben", "POST", "/api/ai-chat", """{"message":"hi","conversationId":{conversation}}""", HttpStatusCode.NotFound),
        ["conversation: read someone else's"] = new("ben", "GET", "/api/ai-chat/conversations/{conversation}", null, HttpStatusCode.NotFound),
        ["conversation: rename someone else's"] = new("ben", "PUT", "/api/ai-chat/conversations/{conversation}", """{"title":"mine"}""", HttpStatusCode.NotFound),
        ["conversation: delete someone else's"] = new("ben", "DELETE", "/api/ai-chat/conversations/{conversation}", null, HttpStatusCode.NotFound),
        ["conversation: empty title"] = new("ana", "PUT", "/api/ai-chat/conversations/{conversation}", """{"title":" "}""", HttpStatusCode.BadRequest),
        ["conversation: 10,000-character title"] = new("ana", "PUT", "/api/ai-chat/conversations/{conversation}", $$"""{"title":"{{TenThousandCharacterWord}}"}""", HttpStatusCode.BadRequest),
        ["conversation: NUL in title"] = new("ana", "PUT", "/api/ai-chat/conversations/{conversation}", """{"title":"a\u0000b"}""", HttpStatusCode.BadRequest),

        // Memory, settings, life events, translation
        ["memory: read someone else's"] = new("ben", "GET", "/api/me/memory/{memory}", null, HttpStatusCode.NotFound),
        ["memory: change someone else's"] = new("ben", "PUT", "/api/me/memory/{memory}", """{"key":"x","value":"y","category":"Fact"}""", HttpStatusCode.NotFound),
        ["memory: delete someone else's"] = new("ben", "DELETE", "/api/me/memory/{memory}", null, HttpStatusCode.NotFound),
        ["memory: empty value"] = new("ana", "PUT", "/api/me/memory/{memory}", """{"key":"food","value":"","category":"Fact"}""", HttpStatusCode.BadRequest),
        ["memory: 10,000-character value"] = new("ana", "PUT", "/api/me/memory/{memory}", $$"""{"key":"food","value":"{{TenThousandCharacterWord}}","category":"Fact"}""", HttpStatusCode.BadRequest),
        ["memory: unknown category"] = new("ana", "PUT", "/api/me/memory/{memory}", """{"key":"food","value":"soup","category":"Secrets"}""", HttpStatusCode.BadRequest),
        ["memory: category as a number out of range"] = new("ana", "PUT", "/api/me/memory/{memory}", """{"key":"food","value":"soup","category":99}""", HttpStatusCode.BadRequest),
        ["settings: temperature -1"] = new("ana", "PUT", "/api/me/settings", $$"""{"aiTemperature":-1,{{Settings}}}""", HttpStatusCode.BadRequest),
        ["settings: temperature 99"] = new("ana", "PUT", "/api/me/settings", $$"""{"aiTemperature":99,{{Settings}}}""", HttpStatusCode.BadRequest),
        ["settings: temperature as text"] = new("ana", "PUT", "/api/me/settings", $$"""{"aiTemperature":"hot",{{Settings}}}""", HttpStatusCode.BadRequest),
        ["settings: temperature NaN"] = new("ana", "PUT", "/api/me/settings", $$"""{"aiTemperature":"NaN",{{Settings}}}""", HttpStatusCode.BadRequest),
        ["settings: model not offered"] = new("ana", "PUT", "/api/me/settings", $$"""{"aiTemperature":0.7,"preferredModel":"gpt-4-secret",{{Settings}}}""", HttpStatusCode.BadRequest),
        ["settings: model as a URL"] = new("ana", "PUT", "/api/me/settings", $$"""{"aiTemperature":0.7,"preferredModel":"http://169.254.169.254/v1",{{Settings}}}""", HttpStatusCode.BadRequest),
        ["settings: endpoint field"] = new("ana", "PUT", "/api/me/settings", $$"""{"aiTemperature":0.7,"endpoint":"http://evil.example/v1",{{Settings}}}""", HttpStatusCode.BadRequest),
        ["settings: unknown language"] = new("ana", "PUT", "/api/me/settings", """{"aiTemperature":0.7,"preferredLanguage":"klingon","passiveTranslationEnabled":false,"coachingHintsEnabled":true}""", HttpStatusCode.BadRequest),
        ["life event: read someone else's"] = new("ben", "GET", "/api/me/life-events/{event}", null, HttpStatusCode.NotFound),
        ["life event: change someone else's"] = new("ben", "PUT", "/api/me/life-events/{event}", """{"title":"mine","category":"home","occurredOn":"2024-01-01"}""", HttpStatusCode.NotFound),
        ["life event: delete someone else's"] = new("ben", "DELETE", "/api/me/life-events/{event}", null, HttpStatusCode.NotFound),
        ["life event: empty title"] = new("ana", "POST", "/api/me/life-events", """{"title":"","category":"home","occurredOn":"2024-01-01"}""", HttpStatusCode.BadRequest),
        ["life event: date that is not a date"] = new("ana", "POST", "/api/me/life-events", """{"title":"x","category":"home","occurredOn":"2024-13-45"}""", HttpStatusCode.BadRequest),
        ["life event: 10,000-character title"] = new("ana", "POST", "/api/me/life-events", $$"""{"title":"{{TenThousandCharacterWord}}","category":"home","occurredOn":"2024-01-01"}""", HttpStatusCode.BadRequest),
        ["life event: NUL in title"] = new("ana", "POST", "/api/me/life-events", """{"title":"a\u0000","category":"home","occurredOn":"2024-01-01"}""", HttpStatusCode.BadRequest),
        ["translate: empty text"] = new("ana", "POST", "/api/translate", """{"text":"","to":"es"}""", HttpStatusCode.BadRequest),
        ["translate: language without a pair"] = new("ana", "POST", "/api/translate", """{"text":"hello","to":"xx"}""", HttpStatusCode.UnprocessableEntity),
        ["translate: 10,000-character word"] = new("ana", "POST", "/api/translate", $$"""{"text":"{{TenThousandCharacterWord}}","to":"es"}""", HttpStatusCode.BadRequest),

        // Accounts and admin
        ["register: malformed JSON"] = new("anonymous", "POST", "/api/auth/register", """{"email":""", HttpStatusCode.BadRequest),
        ["register: NUL in the user name"] = new("anonymous", "POST", "/api/auth/register", """{"email":"nul@example.com","password":"Passw0rd!","userName":"nul\u0000"}""", HttpStatusCode.BadRequest),
        ["login: wrong types"] = new("anonymous", "POST", "/api/auth/login", """{"email":1,"password":2}""", HttpStatusCode.BadRequest),
        ["admin self-test: negative count"] = new("admin", "POST", "/api/admin/self-test", """{"count":-1}""", HttpStatusCode.BadRequest),
        ["admin self-test: huge count"] = new("admin", "POST", "/api/admin/self-test", """{"count":2147483647}""", HttpStatusCode.BadRequest),
    };

    public static TheoryData<string> RowNames() => [.. Rows.Keys];

    [Theory]
    [MemberData(nameof(RowNames))]
    public async Task Bad_input_is_refused_with_a_clear_4xx_and_changes_nothing(string row)
    {
        var r = Rows[row];
        var before = await fx.SnapshotAsync();

        using var request = new HttpRequestMessage(new HttpMethod(r.Method), Fill(r.Path));
        if (r.Body is not null) request.Content = Body(Fill(r.Body), r.ContentType);
        using var response = await Client(r.Who).SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(r.Expected == response.StatusCode, $"{row}: expected {(int)r.Expected}, got {(int)response.StatusCode} {text[..Math.Min(text.Length, 500)]}");
        var problem = await response.ReadProblemAsync();
        var says = problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        if (problem.TryGetProperty("errors", out var errors)) says += string.Join(" ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(v => v.GetString())));
        Assert.False(string.IsNullOrWhiteSpace(says), $"{row}: the problem says nothing: {text}");
        Assert.Equal(before, await fx.SnapshotAsync());
    }

    private HttpClient Client(string who) => who switch
    {
        "ana" => fx.Ana,
        "ben" => fx.Ben,
        "carl" => fx.Carl,
        "admin" => fx.Admin,
        _ => fx.Anonymous,
    };

    private string Fill(string text) => text
        .Replace("{room}", fx.RoomId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{message}", fx.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{invite}", fx.InviteId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{conversation}", fx.ConversationId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{memory}", fx.MemoryId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{event}", fx.LifeEventId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{ben}", fx.BenId, StringComparison.Ordinal);

    /// <summary>"latin1" sends the text's characters as single bytes, which is invalid UTF-8 for anything above 0x7F.</summary>
    private static HttpContent Body(string body, string contentType) => contentType == "latin1"
        ? new ByteArrayContent(Encoding.Latin1.GetBytes(body)) { Headers = { ContentType = new("application/json") } }
        : new StringContent(body, Encoding.UTF8, contentType);
}
