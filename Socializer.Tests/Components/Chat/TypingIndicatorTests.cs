using Bunit;
using Socializer.Core.Chat;
using Socializer.Tests.Support;
using Socializer.Web.Components.Chat;

namespace Socializer.Tests.Components.Chat;

public sealed class TypingIndicatorTests : MudTestContext
{
    [Theory]
    [InlineData(0, "")]
    [InlineData(1, "ana is typing…")]
    [InlineData(2, "ana and ben are typing…")]
    [InlineData(3, "Several people are typing…")]
    public void Names_who_is_typing_but_never_yourself(int others, string expected)
    {
        TypingUser[] all = [new("ana-id", "ana"), new("ben-id", "ben"), new("cleo-id", "cleo")];
        var typists = all.Take(others).Append(new TypingUser("me-id", "me")).ToList();

        var indicator = Render<TypingIndicator>(p => p.Add(t => t.Typists, typists).Add(t => t.CurrentUserId, "me-id"));

        Assert.Equal(expected, indicator.Find(".typing-indicator").TextContent.Trim());
    }
}
