using Bunit;
using Microsoft.AspNetCore.Components;
using Socializer.Core.Chat;
using Socializer.Tests.Support;
using Socializer.Web.Components.Chat;

namespace Socializer.Tests.Components.Chat;

public sealed class MessageInputTests : MudTestContext
{
    private readonly List<string> sent = [];

    private IRenderedComponent<MessageInput> RenderInput(Func<string, Task>? send = null) =>
        Render<MessageInput>(p => p.Add(i => i.Send, send ?? (text => { sent.Add(text); return Task.CompletedTask; })));

    [Fact]
    public async Task Enter_sends_and_starts_a_fresh_box()
    {
        var input = RenderInput();
        await input.Find("textarea").InputAsync(new ChangeEventArgs { Value = "hello" });

        await input.Find("textarea").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        await input.Find("textarea").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(["hello"], sent); // the second Enter had nothing left to send
        Assert.True(input.Find("button.send-button").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Shift_enter_does_not_send()
    {
        var input = RenderInput();
        await input.Find("textarea").InputAsync(new ChangeEventArgs { Value = "line one\nline two" });

        await input.Find("textarea").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter", ShiftKey = true });

        Assert.Empty(sent);
    }

    [Fact]
    public async Task Over_the_limit_the_counter_turns_red_and_nothing_is_sent()
    {
        var input = RenderInput();
        await input.Find("textarea").InputAsync(new ChangeEventArgs { Value = new string('x', Message.ContentMaxLength + 1) });

        await input.Find("textarea").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        Assert.Empty(sent);
        Assert.Contains("4,001 / 4,000", input.Find(".char-counter").TextContent, StringComparison.Ordinal);
        Assert.Contains("at most 4,000", input.Find(".input-error").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whitespace_only_is_not_sent()
    {
        var input = RenderInput();
        await input.Find("textarea").InputAsync(new ChangeEventArgs { Value = "   " });
        await input.Find("textarea").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        Assert.Empty(sent);
    }

    [Fact]
    public async Task A_refused_send_keeps_the_text_and_shows_why()
    {
        var attempts = 0;
        var input = RenderInput(text =>
        {
            if (++attempts == 1) throw ChatException.NotFound("No such room, or you are not a member of it.");
            sent.Add(text);
            return Task.CompletedTask;
        });
        await input.Find("textarea").InputAsync(new ChangeEventArgs { Value = "keep me" });

        await input.Find("button.send-button").ClickAsync(new());
        Assert.Contains("not a member", input.Find(".input-error").TextContent, StringComparison.Ordinal);

        await input.Find("button.send-button").ClickAsync(new()); // the text is still there to retry
        Assert.Equal(["keep me"], sent);
        Assert.Empty(input.FindAll(".input-error"));
    }

    [Fact]
    public void The_box_is_disabled_until_the_circuit_is_interactive()
    {
        Context.SetRendererInfo(new RendererInfo("Static", false));
        var input = Context.Render<MessageInput>(p => p.Add(i => i.Send, _ => Task.CompletedTask));
        Assert.True(input.Find("textarea").HasAttribute("disabled"));
    }
}
