using Socializer.Core.Assistant;
using Socializer.Core.Assistant.Offline;

namespace Socializer.Tests.Core.Assistant;

public sealed class OfflineIntentParserTests
{
    [Theory]
    [InlineData("remember that my name is Ana", "name", "Ana", "Fact")]
    [InlineData("Remember my name is Ana.", "name", "Ana", "Fact")]
    [InlineData("Hey, could you please remember that my favourite food is paella?", "favourite food", "paella", "Preference")]
    [InlineData("please remember: my sister's name is Marta", "sister's name", "Marta", "Person")]
    [InlineData("my name is Ana", "name", "Ana", "Fact")]
    [InlineData("Call me Ana María", "name", "Ana María", "Fact")]
    [InlineData("remember that I love hiking in the mountains", "likes", "hiking in the mountains", "Preference")]
    [InlineData("remember I hate coriander", "dislikes", "coriander", "Preference")]
    [InlineData("remember that my goal is to run a marathon", "goal", "to run a marathon", "Goal")]
    [InlineData("keep in mind that I am vegetarian", "i am vegetarian", "I am vegetarian", "Fact")]
    public void Remember_requests_become_remember_fact_calls(string text, string key, string value, string category)
    {
        var intent = OfflineIntentParser.Parse(text);
        Assert.Equal(AssistantToolNames.RememberFact, intent.Tool);
        Assert.Equal(key, intent.Arguments!["key"]);
        Assert.Equal(value, intent.Arguments["value"]);
        Assert.Equal(category, intent.Arguments["category"]);
    }

    [Theory]
    [InlineData("what is my name?", "name")]
    [InlineData("What's my favourite food", "favourite food")]
    [InlineData("do you remember my name", "name")]
    [InlineData("What did I tell you about my sister's name?", "sister's name")]
    [InlineData("ok, tell me my birthday please", "birthday")]
    public void Recall_requests_name_the_topic(string text, string topic)
    {
        var intent = OfflineIntentParser.Parse(text);
        Assert.Equal(AssistantToolNames.RecallFacts, intent.Tool);
        Assert.Equal(topic, intent.Arguments!["topic"]);
    }

    [Theory]
    [InlineData("what do you know about me?", AssistantToolNames.RecallFacts)]
    [InlineData("What do you remember", AssistantToolNames.RecallFacts)]
    [InlineData("show my memory", AssistantToolNames.RecallFacts)]
    [InlineData("Who am I?", AssistantToolNames.GetMyProfile)]
    [InlineData("show me my profile", AssistantToolNames.GetMyProfile)]
    [InlineData("forget my favourite food", AssistantToolNames.ForgetFact)]
    [InlineData("please forget what I told you about my sister", AssistantToolNames.ForgetFact)]
    [InlineData("set my temperature to 0.3", AssistantToolNames.SetMyTemperature)]
    [InlineData("Change the AI temperature to 1,5", AssistantToolNames.SetMyTemperature)]
    [InlineData("set my language to Spanish", AssistantToolNames.SetMyLanguage)]
    [InlineData("my preferred language is de", AssistantToolNames.SetMyLanguage)]
    [InlineData("what did we talk about last time?", AssistantToolNames.GetPreviousConversation)]
    [InlineData("show me our previous conversation", AssistantToolNames.GetPreviousConversation)]
    [InlineData("what are my skills", AssistantToolNames.GetMySkills)]
    [InlineData("how am I doing?", AssistantToolNames.GetMySkills)]
    [InlineData("show my training plan", AssistantToolNames.GetMyTrainingPlan)]
    [InlineData("what should I practise", AssistantToolNames.GetMyTrainingPlan)]
    [InlineData("log a life event: I started a new job", AssistantToolNames.AddLifeEvent)]
    [InlineData("show my timeline", AssistantToolNames.ListLifeEvents)]
    [InlineData("translate good morning to Spanish", AssistantToolNames.TranslateText)]
    [InlineData("translate into French: see you tomorrow", AssistantToolNames.TranslateText)]
    [InlineData("evaluate my last messages", AssistantToolNames.EvaluateMyCommunication)]
    [InlineData("is this culturally appropriate: you people are always late", AssistantToolNames.CheckCulturalSensitivity)]
    public void Each_request_calls_its_tool(string text, string tool) =>
        Assert.Equal(tool, OfflineIntentParser.Parse(text).Tool);

    [Fact]
    public void Arguments_are_extracted_in_the_right_types()
    {
        Assert.Equal(1.5, OfflineIntentParser.Parse("Change the AI temperature to 1,5").Arguments!["temperature"]);
        Assert.Equal("Spanish", OfflineIntentParser.Parse("set my language to Spanish").Arguments!["language"]);
        var translate = OfflineIntentParser.Parse("translate \"good morning\" to Spanish").Arguments!;
        Assert.Equal("good morning", translate["text"]);
        Assert.Equal("Spanish", translate["to"]);
        Assert.Equal("favourite food", OfflineIntentParser.Parse("forget my favourite food").Arguments!["key"]);
    }

    [Theory]
    [InlineData("Hello", OfflineIntentKind.Greeting)]
    [InlineData("hey!", OfflineIntentKind.Greeting)]
    [InlineData("Good morning assistant", OfflineIntentKind.Greeting)]
    [InlineData("help", OfflineIntentKind.Help)]
    [InlineData("What can you do?", OfflineIntentKind.Help)]
    [InlineData("forget everything", OfflineIntentKind.ForgetEverything)]
    [InlineData("please erase all you know about me", OfflineIntentKind.ForgetEverything)]
    public void Direct_answers(string text, OfflineIntentKind kind)
    {
        var intent = OfflineIntentParser.Parse(text);
        Assert.Equal(kind, intent.Kind);
        Assert.Null(intent.Tool);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("I remember when we went hiking")]        // a memory, not a request to remember
    [InlineData("forget it")]                              // not a fact
    [InlineData("my day is going badly")]                  // a statement, not "remember"
    [InlineData("What is the weather like?")]
    [InlineData("The temperature outside is 30 degrees")]  // not a settings change
    [InlineData("set the table")]
    [InlineData("translate")]
    [InlineData("tell me a joke")]
    [InlineData("hello, how are you today and what's new in the world")]
    [InlineData("what is Ana's name")]                     // another person's data: no tool reaches it anyway
    public void Requests_it_must_not_match_are_unknown(string text)
    {
        var intent = OfflineIntentParser.Parse(text);
        Assert.Equal(OfflineIntentKind.Unknown, intent.Kind);
        Assert.Null(intent.Tool);
    }
}
