using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Socializer.Core.Chat;
using Socializer.Tests.Support;

namespace Socializer.Tests.Reliability;

/// <summary>
/// Odd but legitimate text is not "bad input": right-to-left and zero-width characters, emoji, markup and
/// SQL-looking strings are stored and returned exactly as sent (rendering makes markup inert, see
/// BadInputRenderingTests), and searching for SQL is just a search.
/// </summary>
public sealed class BadInputStoredVerbatimTests(SocializerAppFactory app) : IClassFixture<SocializerAppFactory>
{
    public static TheoryData<string, string> Texts() => new()
    {
        { "right-to-left", "שלום עולם — مرحبا بالعالم" },
        { "bidi override and marks", "abc\u202Edcba\u202C \u200F\u200E" },
        { "zero-width joiner and space", "👩\u200D💻 zero\u200Bwidth\uFEFF" },
        { "emoji outside the BMP", "🎉🦄 𝄞" },
        { "combining marks", "Zalgo: Z\u0351\u0364\u036Ba\u0363l\u0346g\u036Co" },
        { "html and script", "<script>alert(1)</script><img src=x onerror=alert(2)>" },
        { "javascript link", "[click me](javascript:alert(document.cookie))" },
        { "sql", "Robert'); DROP TABLE Messages;-- \" OR 1=1 --" },
        { "fts syntax", "NEAR(\"a\" b) OR * AND NOT ^c" },
        { "4,000-character word", new string('w', Message.ContentMaxLength) },
        { "tabs and line breaks", "one\ttwo\r\nthree\nfour" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Is_stored_and_returned_exactly_as_sent(string kind, string text)
    {
        var (client, _) = await app.SignedInClientAsync($"v{Guid.NewGuid():N}"[..20] + "@example.com");
        var room = await (await client.PostAsJsonAsync("/api/rooms", new { name = kind, aiEnabled = false })).Content.ReadFromJsonAsync<JsonElement>();
        var roomId = room.GetProperty("id").GetInt32();

        var posted = await client.PostAsJsonAsync($"/api/rooms/{roomId}/messages", new { content = text });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        var history = await client.GetFromJsonAsync<JsonElement>($"/api/rooms/{roomId}/messages");
        Assert.Equal(text.Trim(), history.GetProperty("messages").EnumerateArray().Single().GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_room_name_with_right_to_left_and_zero_width_text_is_kept()
    {
        var (client, _) = await app.SignedInClientAsync("verbatim-room@example.com");
        const string name = "غرفة\u200Fחדר\u200D";
        var created = await client.PostAsJsonAsync("/api/rooms", new { name, aiEnabled = false });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var room = await client.GetFromJsonAsync<JsonElement>($"/api/rooms/{id}");
        Assert.Equal(name, room.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("' OR 1=1 --")]
    [InlineData("\"; DROP TABLE Messages; --")]
    [InlineData("NEAR(a b) * ^ AND OR")]
    [InlineData("robert'); drop table students;--")]
    public async Task Searching_for_sql_or_fts_syntax_is_just_a_search(string query)
    {
        var (client, _) = await app.SignedInClientAsync("verbatim-search@example.com");
        await client.PostAsJsonAsync("/api/rooms/1/messages", new { content = "little bobby tables: robert drop table students" });

        var response = await client.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}");

        // Words only reach the index; punctuation is dropped. Some queries find the message, none breaks anything.
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{response.StatusCode}");
        var messages = await client.GetFromJsonAsync<JsonElement>("/api/rooms/1/messages");
        Assert.Contains(messages.GetProperty("messages").EnumerateArray(), m => m.GetProperty("content").GetString()!.StartsWith("little bobby", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sql_looking_words_find_the_message_that_contains_them()
    {
        var (client, _) = await app.SignedInClientAsync("verbatim-search2@example.com");
        await client.PostAsJsonAsync("/api/rooms/1/messages", new { content = "xkcd327 Robert'); DROP TABLE Students;--" });

        var hits = await client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString("xkcd327 Robert'); DROP")}");

        Assert.Equal("xkcd327 Robert'); DROP TABLE Students;--", hits.EnumerateArray().Single().GetProperty("content").GetString());
    }
}
