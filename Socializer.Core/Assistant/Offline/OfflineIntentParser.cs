using System.Globalization;
using System.Text.RegularExpressions;
using Socializer.Core.Memory;

namespace Socializer.Core.Assistant.Offline;

public enum OfflineIntentKind { Tool, Greeting, Help, ForgetEverything, Unknown }

/// <summary>What the offline assistant understood: a tool to call with its arguments, or a direct answer.</summary>
public sealed record OfflineIntent(OfflineIntentKind Kind, string? Tool = null, IReadOnlyDictionary<string, object?>? Arguments = null)
{
    public static OfflineIntent Call(string tool, params (string Name, object? Value)[] args) =>
        new(OfflineIntentKind.Tool, tool, args.ToDictionary(a => a.Name, a => a.Value));
}

/// <summary>
/// Plain-language requests the offline assistant understands, as an ordered table of patterns: the first that
/// matches wins. Deliberately narrow; anything else gets an honest "I don't understand that offline".
/// </summary>
public static partial class OfflineIntentParser
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(100);

    private static readonly (Regex Pattern, Func<Match, OfflineIntent?> Intent)[] Table =
    [
        (R(@"^(?:forget|delete|erase|wipe)\s+(?:everything|all)(?:\s+(?:about me|you know(?: about me)?|you remember(?: about me)?))?$"),
            _ => new(OfflineIntentKind.ForgetEverything)),
        (R(@"^(?:delete|remove)\s+(?:my\s+)?life event\s+(?:#|number\s+)?(?<id>\d{1,9})$"),
            m => OfflineIntent.Call(AssistantToolNames.DeleteLifeEvent, ("id", int.Parse(m.Groups["id"].Value, CultureInfo.InvariantCulture)))),
        (R(@"^(?:forget|delete|erase|remove)\s+(?:that\s+|about\s+)?(?:what (?:you know|i told you) about\s+)?my\s+(?<key>.+)$"),
            m => OfflineIntent.Call(AssistantToolNames.ForgetFact, ("key", KeyOnly(m.Groups["key"].Value)))),
        (R(@"^(?:remember|note|keep in mind|don't forget)(?:\s+that)?[:,]?\s+(?<rest>.+)$"), m => Remember(m.Groups["rest"].Value)),
        (R(@"^(?:my name is|i'm called|i am called|call me)\s+(?<name>[\p{L}][\p{L}'’ .-]{0,59})$"),
            m => RememberCall("name", m.Groups["name"].Value, MemoryCategory.Fact)),
        (R(@"\b(?:previous|last|earlier)\s+(?:conversation|chat|session)\b|^what did we (?:talk about|discuss)|^where (?:did we|were we) (?:leave|left) off"),
            _ => OfflineIntent.Call(AssistantToolNames.GetPreviousConversation)),
        (R(@"^(?:log|add|record|save)\s+(?:a\s+|this\s+)?life event[:,]?\s+(?<title>.+)$"),
            m => OfflineIntent.Call(AssistantToolNames.AddLifeEvent, ("title", m.Groups["title"].Value.Trim()), ("date", null))),
        (LifeEventNews(), m => OfflineIntent.Call(AssistantToolNames.AddLifeEvent,
            ("title", Capitalize(m.Groups["what"].Value.Trim())), ("date", DateWord(m.Groups["when"].Value)))),
        (R(@"^(?:show|list)?\s*(?:me\s+)?my\s+(?:life events|timeline)$"),
            _ => OfflineIntent.Call(AssistantToolNames.ListLifeEvents)),
        (R(@"\bmy\s+training\b|\btraining plan\b|^what should i (?:practi[cs]e|work on)|^what(?:'s| is) my (?:current )?focus$"),
            _ => OfflineIntent.Call(AssistantToolNames.GetMyTrainingPlan)),
        (R(@"\bmy\s+(?:social\s+)?skills?\b|\bskill levels?\b|^how am i doing$"),
            _ => OfflineIntent.Call(AssistantToolNames.GetMySkills)),
        (R(@"^(?:who am i|what do you know about me as a person|(?:show|tell)(?: me)? (?:my profile|about (?:me|myself))|(?:what is|what's) my profile|my profile)$"),
            _ => OfflineIntent.Call(AssistantToolNames.GetMyProfile)),
        (R(@"^(?:what (?:do|did) you (?:know|remember|have)(?: stored)? about me|what have you (?:remembered|learned|learnt)(?: about me)?|what do you remember|(?:show|list)(?: me)? (?:my|your) (?:memory|memories|facts)|(?:show|list)(?: me)? what you (?:know|remember))$"),
            _ => OfflineIntent.Call(AssistantToolNames.RecallFacts, ("topic", ""))),
        (R(@"^(?:(?:what|which)(?:'s| is| are| was| were)|do you (?:know|remember)|recall|tell me|what do you (?:know|remember) about|what did i tell you about)\s+my\s+(?<key>.+)$"),
            m => OfflineIntent.Call(AssistantToolNames.RecallFacts, ("topic", KeyOnly(m.Groups["key"].Value)))),
        (R(@"^(?:set|change|make|put|turn)\s+(?:my\s+|the\s+)?(?:ai\s+)?temperature\s+(?:to\s+|at\s+|=\s*)?(?<t>-?\d+(?:[.,]\d+)?)$"),
            m => OfflineIntent.Call(AssistantToolNames.SetMyTemperature, ("temperature", ParseNumber(m.Groups["t"].Value)))),
        (R(@"^(?:set|change|switch)\s+(?:my\s+|the\s+)?(?:preferred\s+)?language\s+(?:to\s+)?(?<lang>[\p{L}-]{2,20})$|^my preferred language is\s+(?<lang>[\p{L}-]{2,20})$"),
            m => OfflineIntent.Call(AssistantToolNames.SetMyLanguage, ("language", m.Groups["lang"].Value))),
        (R(@"^(?:stop|quit|don't|do not|no more)\s+(?:auto(?:matically)?\s+|passive(?:ly)?\s+)?translat(?:ing|e|ions?)(?:\s+(?:messages|for me|the chat|(?:the\s+)?room messages))?$|^(?:turn|switch)\s+off\s+(?:the\s+)?(?:passive\s+|automatic\s+|auto\s+)?translations?$|^(?:turn|switch)\s+(?:the\s+)?(?:passive\s+|automatic\s+|auto\s+)?translations?\s+off$"),
            _ => OfflineIntent.Call(AssistantToolNames.SetPassiveTranslation, ("enabled", false))),
        (R(@"^(?:start|resume)\s+(?:auto(?:matically)?\s+|passive(?:ly)?\s+)?translating(?:\s+(?:messages|for me|the chat|(?:the\s+)?room messages))?(?:\s+again)?$|^(?:turn|switch)\s+(?:back\s+)?on\s+(?:the\s+)?(?:passive\s+|automatic\s+|auto\s+)?translations?(?:\s+again)?$|^(?:turn|switch)\s+(?:the\s+)?(?:passive\s+|automatic\s+|auto\s+)?translations?\s+(?:back\s+)?on(?:\s+again)?$"),
            _ => OfflineIntent.Call(AssistantToolNames.SetPassiveTranslation, ("enabled", true))),
        (R(@"^translate\s+(?:(?:in)?to\s+(?<to>[\p{L}-]{2,20})[:,]\s*(?<text>.+)|(?<text>.+?)\s+(?:in)?to\s+(?<to>[\p{L}-]{2,20}))$"),
            m => OfflineIntent.Call(AssistantToolNames.TranslateText, ("text", Unquote(m.Groups["text"].Value)), ("to", m.Groups["to"].Value))),
        (R(@"^(?:evaluate|rate|assess|review)\s+my\s+(?:last\s+|recent\s+)?(?:messages|communication|chatting)$|^how (?:is|was|am) (?:my communication|i communicating)|^give me feedback on my (?:messages|communication)$"),
            _ => OfflineIntent.Call(AssistantToolNames.EvaluateMyCommunication)),
        (R(@"^(?:is this|check(?: this| my message)?(?: for)?)\s+(?:culturally\s+)?(?:sensitive|appropriate|offensive|cultural sensitivity|sensitivity)[?:,]?\s+(?<text>.+)$|^cultural(?: sensitivity)? check[:,]?\s+(?<text>.+)$"),
            m => OfflineIntent.Call(AssistantToolNames.CheckCulturalSensitivity, ("text", Unquote(m.Groups["text"].Value)))),
        (R(@"^(?:is|does)\s+(?:this|it|that)\s+(?:sound\s+)?(?:kind|unkind|rude|polite|nice|mean|ok|okay|offensive|hurtful|respectful)[?:,]?\s+(?<text>.+)$"),
            m => OfflineIntent.Call(AssistantToolNames.CheckCulturalSensitivity, ("text", Unquote(m.Groups["text"].Value)))),
        (R(@"^(?:help|\?|commands|what can you do|what can i (?:ask|say)|how does this work|what do you understand)$"),
            _ => new(OfflineIntentKind.Help)),
        (R(@"^(?:hi|hello|hey|hiya|howdy|yo|hola|hallo|bonjour|ciao|good (?:morning|afternoon|evening))(?:\s+(?:there|ai|assistant|again))?$"),
            _ => new(OfflineIntentKind.Greeting)),
    ];

    public static OfflineIntent Parse(string? text)
    {
        var clean = Clean(text);
        if (clean.Length == 0) clean = (text ?? "").Trim().Trim('!', '.', ',', '?').Trim(); // "Hey!" is all filler, yet a greeting
        if (clean.Length == 0) return new(OfflineIntentKind.Unknown);
        foreach (var (pattern, intent) in Table)
        {
            Match match;
            try { match = pattern.Match(clean); }
            catch (RegexMatchTimeoutException) { continue; }
            if (match.Success && intent(match) is { } found) return found;
        }
        return new(OfflineIntentKind.Unknown);
    }

    /// <summary>Drops politeness and punctuation around the request: "Hey, could you please remember X?" → "remember X".</summary>
    internal static string Clean(string? text)
    {
        var s = Whitespace().Replace((text ?? "").Trim(), " ");
        s = s.Replace('’', '\'');
        string previous;
        do
        {
            previous = s;
            s = LeadingFiller().Replace(s, "");
            s = TrailingFiller().Replace(s, "");
        } while (s != previous && s.Length > 0);
        return s.Trim();
    }

    private static OfflineIntent? Remember(string rest)
    {
        rest = rest.Trim().TrimEnd('.', '!');
        var m = MyKeyIsValue().Match(rest);
        if (m.Success)
        {
            var key = m.Groups["key"].Value;
            return RememberCall(key, m.Groups["value"].Value, CategoryFor(key));
        }
        m = CalledName().Match(rest);
        if (m.Success) return RememberCall("name", m.Groups["name"].Value, MemoryCategory.Fact);
        m = ILikeSomething().Match(rest);
        if (m.Success)
        {
            var verb = m.Groups["verb"].Value.ToLowerInvariant();
            var key = verb switch { "like" or "love" or "enjoy" => "likes", "prefer" => "prefers", _ => "dislikes" };
            return RememberCall(key, m.Groups["what"].Value, MemoryCategory.Preference);
        }
        // Anything else is kept as a note under its own first words.
        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? null : RememberCall(string.Join(' ', words.Take(6)), rest, MemoryCategory.Fact);
    }

    private static OfflineIntent RememberCall(string key, string value, MemoryCategory category) =>
        OfflineIntent.Call(AssistantToolNames.RememberFact,
            ("key", MemoryService.NormalizeKey(key)), ("value", value.Trim().TrimEnd('.', '!')), ("category", category.ToString()));

    private static MemoryCategory CategoryFor(string key) =>
        PreferenceKey().IsMatch(key) ? MemoryCategory.Preference
        : GoalKey().IsMatch(key) ? MemoryCategory.Goal
        : PersonKey().IsMatch(key) ? MemoryCategory.Person
        : MemoryCategory.Fact;

    private static string KeyOnly(string key) => MemoryService.NormalizeKey(TrailingIs().Replace(key, ""));

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>The life-event tool takes "today"/"yesterday" itself, so parsing stays independent of the clock.</summary>
    private static string? DateWord(string when) => when.ToLowerInvariant() switch
    {
        "" => null,
        "yesterday" or "last night" => "yesterday",
        _ => "today",
    };

    private static string Unquote(string s) => s.Trim().Trim('"', '\'', '“', '”', '«', '»').Trim();

    private static double ParseNumber(string s) => double.Parse(s.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static Regex R(string pattern) => new(pattern, Options, Limit);

    /// <summary>News of a life event told in the first person ("I got a new job today"): only phrases that clearly are one.</summary>
    [GeneratedRegex(@"^(?:guess what[,!]?\s+)?i(?:'ve| have)?\s+(?:just\s+)?(?<what>(?:got\s+(?:a\s+|an\s+|my\s+|our\s+)?(?:new\s+|first\s+)?(?:job|promotion|degree|diploma|scholarship|raise|dog|cat|puppy|kitten|house|apartment|flat|car)|got\s+(?:married|engaged|divorced)|(?:started|began)\s+(?:a\s+|my\s+|our\s+)?(?:new\s+|first\s+)?(?:job|school|university|college|business|company)|moved\s+(?:to|house|in|out|abroad)|graduated|retired|(?:had|welcomed)\s+(?:a\s+|our\s+|my\s+)?(?:baby|son|daughter|child)|became\s+a\s+(?:parent|father|mother|dad|mum|mom|grandparent|grandfather|grandmother)|(?:lost|quit|left|changed)\s+(?:my\s+)?jobs?|passed\s+my|adopted|bought\s+(?:a\s+|my\s+|our\s+)?(?:first\s+|new\s+)?(?:house|home|apartment|flat|car))\b.*?)(?:\s+(?<when>today|yesterday|this morning|last night))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex LifeEventNews();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?:(?:hey|ok|okay|so|well|please|pls|assistant|ai|@ai)\b[\s,!:]*|(?:can|could|would|will) you\s+|i (?:want|would like|'d like) you to\s+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingFiller();

    [GeneratedRegex(@"(?:[\s,]+(?:please|pls|thanks|thank you)|[\s?!.]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingFiller();

    [GeneratedRegex(@"^my\s+(?<key>[\p{L}\p{N}' -]{1,60}?)\s+(?:is|are|was|=)\s+(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MyKeyIsValue();

    [GeneratedRegex(@"^(?:i'm called|i am called|you can call me|call me)\s+(?<name>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CalledName();

    [GeneratedRegex(@"^i\s+(?<verb>like|love|enjoy|prefer|hate|dislike|don't like|do not like)\s+(?<what>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ILikeSomething();

    [GeneratedRegex(@"\b(?:favou?rite|preferred|prefer|like|dislike)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PreferenceKey();

    [GeneratedRegex(@"\b(?:goal|dream|plan|ambition)s?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GoalKey();

    [GeneratedRegex(@"\b(?:wife|husband|partner|mother|father|mom|mum|dad|sister|brother|son|daughter|friend|boss|colleague)s?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PersonKey();

    [GeneratedRegex(@"\s+(?:is|are|was|again)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingIs();
}
