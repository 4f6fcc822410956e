using Socializer.Web.Components.Assistant;

namespace Socializer.Tests.Components;

public sealed class MarkdownRendererTests
{
    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click]( JAVASCRIPT:alert(1))")]
    [InlineData("[click](java\tscript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click][ref]\n\n[ref]: vbscript:msgbox")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("![img](javascript:alert(1))")]
    public void Dangerous_links_lose_their_target(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown).Value;
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("vbscript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Raw_html_is_shown_as_text()
    {
        var html = MarkdownRenderer.ToHtml("hello <script>alert(1)</script> <img src=x onerror=alert(1)>").Value;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void Ordinary_markdown_renders_with_safe_links_and_code_blocks()
    {
        var html = MarkdownRenderer.ToHtml("**bold** [docs](https://example.com/a) [rel](/assistant/2) [mail](mailto:a@b.c)\n\n```csharp\nvar x = 1 < 2;\n```").Value;
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("href=\"https://example.com/a\"", html);
        Assert.Contains("href=\"/assistant/2\"", html);
        Assert.Contains("href=\"mailto:a@b.c\"", html);
        Assert.Contains("<pre><code class=\"language-csharp\">var x = 1 &lt; 2;", html);
    }
}
