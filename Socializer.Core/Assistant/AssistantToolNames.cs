namespace Socializer.Core.Assistant;

/// <summary>The assistant's tool surface. Names are what a model (or the offline assistant) calls.</summary>
public static class AssistantToolNames
{
    public const string GetMyProfile = "get_my_profile";
    public const string RememberFact = "remember_fact";
    public const string RecallFacts = "recall_facts";
    public const string ForgetFact = "forget_fact";
    public const string SetMyTemperature = "set_my_temperature";
    public const string SetMyLanguage = "set_my_language";
    public const string SetPassiveTranslation = "set_passive_translation";
    public const string GetPreviousConversation = "get_previous_conversation";
    public const string GetMySkills = "get_my_skills";
    public const string GetMyTrainingPlan = "get_my_training_plan";
    public const string AddLifeEvent = "add_life_event";
    public const string ListLifeEvents = "list_life_events";
    public const string UpdateLifeEvent = "update_life_event";
    public const string DeleteLifeEvent = "delete_life_event";
    public const string TranslateText = "translate_text";
    public const string EvaluateMyCommunication = "evaluate_my_communication";
    public const string CheckCulturalSensitivity = "check_cultural_sensitivity";
}

/// <summary>Who a request's tools act for: the signed-in user, never someone named in a prompt.</summary>
public sealed record AssistantToolContext(string UserId, int? ConversationId);

/// <summary>
/// Lets another feature (coaching, translation, life events) contribute tools. A contributed tool replaces the
/// built-in tool of the same name (see <see cref="AssistantToolNames"/>). Tools must be bound to
/// <see cref="AssistantToolContext.UserId"/>, take no user id argument, open their own DbContext, and return a
/// friendly message instead of throwing.
/// </summary>
public interface IAssistantToolSource
{
    IEnumerable<Microsoft.Extensions.AI.AITool> CreateTools(AssistantToolContext context);
}
