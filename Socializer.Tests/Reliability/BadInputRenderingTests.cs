using Bunit;
using Socializer.Core.Assistant;
using Socializer.Core.Chat;
using Socializer.Tests.Support;
using Socializer.Web.Components.Assistant;
using Socializer.Web.Components.Chat;

namespace Socializer.Tests.Reliability;

/// <summary>
/// What hostile or unusual text looks like once rendered (bUnit): chat messages and assistant answers never run
/// markup or scripts, links to javascript:/data:/vbscript: go nowhere, and right-to-left and zero-width text is
/// shown character for character.
/// </summary>
public sealed class BadInputRenderingTests : MudTestContext
{
    private static readonly DateTime At = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string> Hostile() =>
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "![x](javascript:alert(1))",
        "<javascript:alert(1)>",
        "<svg onload=alert(1)>",
        "<style>body{display:none}</style>",
        "[x](\"onmouseover=alert(1))",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_chat_message_renders_inert(string content)
    {
        var list = Render<MessageList>(p => p
            .Add(l => l.Messages, [new MessageView(1, 1, SenderType.User, "eve-id", "eve", content, At, null, false)]));

        AssertInert(list.Find(".message-content"));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void An_assistant_answer_renders_inert(string content)
    {
        var item = Render<ChatMessageItem>(p => p.Add(c => c.Message, new ConversationMessage(1, AiMessageRole.Assistant, content, [], "offline", At)));

        AssertInert(item.Find(".assistant-bubble"));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_users_own_assistant_message_renders_as_plain_text(string content)
    {
        var item = Render<ChatMessageItem>(p => p.Add(c => c.Message, new ConversationMessage(1, AiMessageRole.User, content, [], null, At)));

        var bubble = item.Find(".assistant-bubble");
        AssertInert(bubble);
        Assert.Contains(content, bubble.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("שלום עולם — مرحبا بالعالم")]
    [InlineData("abc\u202Edcba\u202C \u200F\u200E")]
    [InlineData("👩\u200D💻 zero\u200Bwidth")]
    [InlineData("Robert'); DROP TABLE Messages;--")]
    public void Right_to_left_zero_width_and_sql_text_is_shown_character_for_character(string content)
    {
        var list = Render<MessageList>(p => p
            .Add(l => l.Messages, [new MessageView(1, 1, SenderType.User, "ana-id", "ana", content, At, null, false)]));
        var answer = Render<ChatMessageItem>(p => p.Add(c => c.Message, new ConversationMessage(1, AiMessageRole.User, content, [], null, At)));

        Assert.Contains(content, list.Find(".message-content").TextContent, StringComparison.Ordinal);
        Assert.Contains(content, answer.Find(".assistant-bubble").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_4000_character_word_is_shown_whole()
    {
        var word = new string('w', Message.ContentMaxLength);
        var list = Render<MessageList>(p => p
            .Add(l => l.Messages, [new MessageView(1, 1, SenderType.User, "ana-id", "ana", word, At, null, false)]));

        Assert.Contains(word, list.Find(".message-content").TextContent, StringComparison.Ordinal);
    }

    private static void AssertInert(AngleSharp.Dom.IElement root)
    {
        Assert.Empty(root.QuerySelectorAll("script, iframe, img, svg, style, object, embed"));
        foreach (var element in root.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler attribute {attribute.Name} on <{element.LocalName}>");
                if (attribute.Name is "href" or "src")
                {
                    var target = new string([.. attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]);
                    Assert.False(target.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
                        || target.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                        || target.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase), $"{attribute.Name}={attribute.Value}");
                }
            }
        }
    }
}
