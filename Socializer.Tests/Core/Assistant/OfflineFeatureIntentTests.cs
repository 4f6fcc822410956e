using Socializer.Core.Assistant;
using Socializer.Core.Assistant.Offline;

namespace Socializer.Tests.Core.Assistant;

/// <summary>The offline assistant's phrasings for the coaching, life-event, translation and settings tools.</summary>
public sealed class OfflineFeatureIntentTests
{
    [Theory]
    [InlineData("what are my skills", AssistantToolNames.GetMySkills)]
    [InlineData("@ai what are my skills?", AssistantToolNames.GetMySkills)]
    [InlineData("my training", AssistantToolNames.GetMyTrainingPlan)]
    [InlineData("hey ai, show my training plan", AssistantToolNames.GetMyTrainingPlan)]
    [InlineData("evaluate my last messages", AssistantToolNames.EvaluateMyCommunication)]
    [InlineData("give me feedback on my messages", AssistantToolNames.EvaluateMyCommunication)]
    [InlineData("is this kind: you people never listen", AssistantToolNames.CheckCulturalSensitivity)]
    [InlineData("does this sound rude? calm down", AssistantToolNames.CheckCulturalSensitivity)]
    [InlineData("translate 'hello' to Spanish", AssistantToolNames.TranslateText)]
    [InlineData("log a life event: moved to Madrid", AssistantToolNames.AddLifeEvent)]
    [InlineData("delete life event 3", AssistantToolNames.DeleteLifeEvent)]
    [InlineData("remove my life event #12", AssistantToolNames.DeleteLifeEvent)]
    public void Each_feature_request_calls_its_tool(string text, string tool) =>
        Assert.Equal(tool, OfflineIntentParser.Parse(text).Tool);

    [Theory]
    [InlineData("I got a new job today", "Got a new job", "today")]
    [InlineData("Guess what, I just got engaged!", "Got engaged", null)]
    [InlineData("I moved to Lisbon yesterday", "Moved to Lisbon", "yesterday")]
    [InlineData("I've started a new job at the bakery", "Started a new job at the bakery", null)]
    [InlineData("I had a baby this morning", "Had a baby", "today")]
    [InlineData("they said I got a new job today", null, null)]
    [InlineData("I graduated last night", "Graduated", "yesterday")]
    public void News_of_a_life_event_is_logged_with_its_day(string text, string? title, string? date)
    {
        var intent = OfflineIntentParser.Parse(text);
        if (title is null)
        {
            Assert.NotEqual(AssistantToolNames.AddLifeEvent, intent.Tool);
            return;
        }
        Assert.Equal(AssistantToolNames.AddLifeEvent, intent.Tool);
        Assert.Equal(title, intent.Arguments!["title"]);
        Assert.Equal(date, intent.Arguments["date"]);
    }

    [Theory]
    [InlineData("stop translating", false)]
    [InlineData("please stop translating messages", false)]
    [InlineData("turn off translation", false)]
    [InlineData("switch the automatic translation off", false)]
    [InlineData("start translating again", true)]
    [InlineData("resume translating", true)]
    [InlineData("turn translation back on", true)]
    public void Passive_translation_is_switched_by_plain_words(string text, bool enabled)
    {
        var intent = OfflineIntentParser.Parse(text);
        Assert.Equal(AssistantToolNames.SetPassiveTranslation, intent.Tool);
        Assert.Equal(enabled, intent.Arguments!["enabled"]);
    }

    [Theory]
    [InlineData("I got home today")]                  // not a life event
    [InlineData("I had lunch today")]
    [InlineData("I finished my homework")]
    [InlineData("I remember when I got a new job")]
    [InlineData("is this kind?")]                     // nothing to check
    [InlineData("stop")]
    [InlineData("translation is hard")]
    [InlineData("my skillet is hot")]
    public void Near_misses_call_no_feature_tool(string text)
    {
        var intent = OfflineIntentParser.Parse(text);
        Assert.DoesNotContain(intent.Tool, new[]
        {
            AssistantToolNames.AddLifeEvent, AssistantToolNames.CheckCulturalSensitivity, AssistantToolNames.SetPassiveTranslation,
            AssistantToolNames.GetMySkills, AssistantToolNames.DeleteLifeEvent,
        });
    }
}
