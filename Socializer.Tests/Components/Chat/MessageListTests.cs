using Bunit;
using Socializer.Core.Chat;
using Socializer.Tests.Support;
using Socializer.Web.Components.Chat;

namespace Socializer.Tests.Components.Chat;

public sealed class MessageListTests : MudTestContext
{
    private static readonly DateTime Start = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);

    private static MessageView Msg(long id, string sender, string content, int minute = 0, bool deleted = false, DateTime? edited = null) =>
        new(id, 1, SenderType.User, sender + "-id", sender, deleted ? "" : content, Start.AddMinutes(minute), edited, deleted);

    [Fact]
    public void Deleted_messages_show_a_placeholder_and_edits_are_marked()
    {
        var list = Render<MessageList>(p => p
            .Add(l => l.Messages, [Msg(1, "ana", "gone", deleted: true), Msg(2, "ana", "fixed", 1, edited: Start.AddMinutes(2))])
            .Add(l => l.CurrentUserId, "ben-id"));

        Assert.Contains("message deleted", list.Find("[data-message-id='1']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("gone", list.Markup, StringComparison.Ordinal);
        Assert.Contains("(edited)", list.Find("[data-message-id='2']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_tags_and_javascript_links_are_rendered_harmless()
    {
        var list = Render<MessageList>(p => p
            .Add(l => l.Messages, [Msg(1, "eve", "<script>alert('x')</script> [win](javascript:alert(1))")]));

        Assert.Empty(list.FindAll("script"));
        Assert.Contains("<script>", list.Find(".message-content").TextContent, StringComparison.Ordinal);
        var link = list.Find(".message-content a");
        Assert.Equal("#", link.GetAttribute("href"));
    }

    [Fact]
    public void Consecutive_messages_of_one_sender_share_a_header_and_a_new_sender_starts_one()
    {
        var list = Render<MessageList>(p => p
            .Add(l => l.Messages, [Msg(1, "ana", "one"), Msg(2, "ana", "two", 1), Msg(3, "ben", "three", 2), Msg(4, "ana", "four", 30)]));

        Assert.Equal(["ana", "ben", "ana"], list.FindAll(".message-header .sender").Select(e => e.TextContent));
        Assert.Single(list.FindAll(".day-separator"));
    }

    [Fact]
    public void Own_messages_have_edit_and_delete_others_do_not()
    {
        var list = Render<MessageList>(p => p
            .Add(l => l.Messages, [Msg(1, "ana", "mine"), Msg(2, "ben", "theirs", 1)])
            .Add(l => l.CurrentUserId, "ana-id"));

        Assert.NotNull(list.Find("[data-message-id='1'] button[aria-label='Edit message']"));
        Assert.Empty(list.FindAll("[data-message-id='2'] button[aria-label='Edit message']"));
        Assert.Contains("own", list.Find("[data-message-id='1']").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_older_asks_for_the_previous_page_only_when_there_is_one()
    {
        var calls = 0;
        var list = Render<MessageList>(p => p
            .Add(l => l.Messages, [Msg(51, "ana", "latest")])
            .Add(l => l.HasOlder, true)
            .Add(l => l.LoadOlder, () => { calls++; return Task.CompletedTask; }));

        await list.Find("button.load-older").ClickAsync(new());
        Assert.Equal(1, calls);

        list.Render(p => p.Add(l => l.HasOlder, false));
        Assert.Empty(list.FindAll("button.load-older"));
    }

    [Fact]
    public async Task Editing_sends_the_new_text_for_that_message()
    {
        (long Id, string Content)? sent = null;
        var list = Render<MessageList>(p => p
            .Add(l => l.Messages, [Msg(7, "ana", "helo")])
            .Add(l => l.CurrentUserId, "ana-id")
            .Add(l => l.EditMessage, ((long Id, string Content) e) => sent = e));

        await list.Find("button[aria-label='Edit message']").ClickAsync(new());
        await list.Find("textarea.edit-box").ChangeAsync(new() { Value = "hello" });
        await list.Find("button.save-edit").ClickAsync(new());

        Assert.Equal((7L, "hello"), sent);
    }

    [Fact]
    public void A_thousand_messages_render_through_virtualization()
    {
        var many = Enumerable.Range(1, 1000).Select(i => Msg(i, i % 2 == 0 ? "ana" : "ben", $"m{i}", i)).ToList();
        var list = Render<MessageList>(p => p.Add(l => l.Messages, many));
        Assert.True(list.FindAll(".message-item").Count < 1000);
    }
}
