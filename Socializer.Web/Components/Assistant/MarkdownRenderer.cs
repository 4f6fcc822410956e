using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;

namespace Socializer.Web.Components.Assistant;

/// <summary>
/// Markdown from the assistant (or a model) to HTML that is safe to render: raw HTML is shown as text, and a
/// link or image may only point to http(s), mailto or a relative address (no javascript:, data: ...).
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    public static MarkupString ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url)) link.Url = "#";
            if (link.IsImage) link.IsImage = false; // no remote images: they would leak the reader's address
        }
        foreach (var autolink in document.Descendants<AutolinkInline>())
            if (!autolink.IsEmail && !IsSafe(autolink.Url)) autolink.Url = "#";
        return new MarkupString(document.ToHtml(Pipeline));
    }

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        var trimmed = new string([.. url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]);
        // A relative address has no scheme: no colon before the first / ? # (on Linux "/a" would parse as file:///a).
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var separator = trimmed.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (separator >= 0 && separator < colon)) return true;
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute)) return false;
        return absolute.Scheme is "http" or "https" or "mailto";
    }
}
