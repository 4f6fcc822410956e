using Socializer.Core.Coaching;

namespace Socializer.Tests.Core.Coaching;

public sealed class CulturalSensitivityCheckerTests
{
    [Theory]
    [InlineData("Oh shut up, that's not how it works", "shut up")]
    [InlineData("You people never listen", "You people")]
    [InlineData("That plan is crazy", "crazy")]
    [InlineData("Calm down, it's just a game", "Calm down")]
    [InlineData("They're illegal aliens", "illegal aliens")]
    [InlineData("hey guys, who's coming?", "hey guys")]
    public async Task Finds_unkind_phrasing_and_suggests_kinder_wording(string text, string phrase)
    {
        var report = await new LexiconSensitivityChecker().CheckAsync(text, CancellationToken.None);

        var suggestion = Assert.Single(report.Suggestions);
        Assert.Equal(phrase, suggestion.Phrase);
        Assert.Equal(text.IndexOf(phrase, StringComparison.Ordinal), suggestion.Start);
        Assert.False(string.IsNullOrWhiteSpace(suggestion.Reason));
        Assert.False(string.IsNullOrWhiteSpace(suggestion.Suggestion));
    }

    [Theory]
    [InlineData("Thanks for the help, I really appreciate it!")]
    [InlineData("Let's scrap the first draft and start over.")]
    [InlineData("I'd like to understand your point better.")]
    [InlineData("")]
    public void Leaves_kind_messages_alone(string text)
    {
        var report = LexiconSensitivityChecker.Check(text);

        Assert.False(report.HasSuggestions);
        Assert.Null(report.SuggestedRewrite);
    }

    [Fact]
    public void Offers_a_rewrite_with_direct_replacements_and_keeps_the_rest()
    {
        var report = LexiconSensitivityChecker.Check("Calm down, that idea is crazy");

        Assert.Equal(2, report.Suggestions.Count);
        Assert.Equal("I can tell this matters to you, that idea is wild", report.SuggestedRewrite);
    }

    [Fact]
    public void Name_calling_gets_advice_but_no_automatic_rewrite()
    {
        var report = LexiconSensitivityChecker.Check("you're so stupid");

        Assert.Single(report.Suggestions);
        Assert.Null(report.SuggestedRewrite);
    }
}
