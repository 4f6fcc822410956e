using Socializer.Web.Components.Chat;

namespace Socializer.Tests.Components.Chat;

public sealed class MessageMarkdownTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    public void Raw_html_is_shown_as_text_never_as_markup(string input)
    {
        var html = MessageMarkdown.ToHtml(input);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click](vbscript:msgbox)")]
    [InlineData("![pic](javascript:alert(1))")]
    public void Dangerous_link_targets_are_neutralised(string input)
    {
        var html = MessageMarkdown.ToHtml(input);
        Assert.DoesNotContain("script:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"#\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Safe_links_open_in_a_new_tab_without_the_opener()
    {
        var html = MessageMarkdown.ToHtml("see [docs](https://example.com/a?b=1) or https://example.org");
        Assert.Contains("href=\"https://example.com/a?b=1\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_and_emoji_render()
    {
        var html = MessageMarkdown.ToHtml("**bold** and `code` :smile:");
        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<code>code</code>", html, StringComparison.Ordinal);
        Assert.Contains("😄", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_become_links_so_no_remote_image_loads()
    {
        var html = MessageMarkdown.ToHtml("![cat](https://example.com/cat.png)");
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/cat.png\"", html, StringComparison.Ordinal);
    }
}
