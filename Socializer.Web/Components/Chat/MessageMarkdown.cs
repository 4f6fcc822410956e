using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Socializer.Web.Components.Chat;

/// <summary>
/// Markdown for chat messages, made safe: raw HTML is shown as text (never parsed), and a link or image whose
/// address is not http(s), mailto or a relative path loses its address, so "javascript:" can't run.
/// Emoji shortcodes (:smile:) become emoji.
/// </summary>
public static class MessageMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseEmojiAndSmiley()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    public static string ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url)) link.Url = "#";
            if (!link.IsImage) continue;
            // No remote images in chat (tracking pixels); show the alt text as a link instead.
            link.IsImage = false;
        }
        foreach (var autolink in document.Descendants<AutolinkInline>())
            if (!autolink.IsEmail && !IsSafeUrl(autolink.Url)) autolink.Url = "#";

        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString().Replace("<a href=", "<a rel=\"noopener noreferrer nofollow\" target=\"_blank\" href=", StringComparison.Ordinal);
    }

    private static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"): judge without them.
        var compact = new string([.. url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]);
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var slash = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon)) return true; // relative: no scheme at all
        var scheme = compact[..colon];
        return scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
               || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
               || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase);
    }
}
