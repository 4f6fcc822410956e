using System.Text.RegularExpressions;

namespace Socializer.Core.Translation;

/// <summary>A detected language (ISO 639-1) and how sure the detector is (0–1); Language is null when it can't tell.</summary>
public sealed record LanguageGuess(string? Language, double Confidence)
{
    public static readonly LanguageGuess Unknown = new(null, 0);
}

/// <summary>Detects the language a text is written in.</summary>
public interface ILanguageDetector
{
    IReadOnlyCollection<string> SupportedLanguages { get; }
    LanguageGuess Detect(string text);
}

/// <summary>
/// A small, offline, deterministic detector for the languages the translators cover (English, Spanish, French,
/// Portuguese, Italian, Catalan) plus German and Dutch, so those are recognised (and reported as untranslatable)
/// rather than mistaken for something else. Two kinds of evidence:
/// <list type="number">
/// <item>Function words (articles, pronouns, prepositions, common verbs): each word votes for the languages whose
/// profile holds it, split evenly, so "de" (shared by five languages) weighs little and "the" or "não" a lot.</item>
/// <item>Letters and letter groups only some languages use ("ñ", "¿", "ã", "ç", "l·l", "ß", "ij"...), each with a weight.</item>
/// </list>
/// The language with the most votes wins; under one vote in total means "unknown". (A full n-gram library,
/// SearchPioneer.Lingua, is served but ships 72 MB of models copied into every build output; this covers what
/// the app can translate, and its accuracy is measured in the tests.)
/// </summary>
public sealed partial class StopWordLanguageDetector : ILanguageDetector
{
    private const double MinimumEvidence = 1.0;

    private static readonly Dictionary<string, string> Profiles = new()
    {
        ["en"] = "all any some more most much many after before because if then than so also only still again always never now today tonight tomorrow yesterday time day week people thing something nothing everyone been being get got make made go went come came see saw say said the a an and or but of to in on at for with is are was were be been am i you he she it we they me my your our their this that these those what how why when where who do does did not no yes have has had will would can could should there here from about just very really thanks please hello hi good great know think want like going",
        ["es"] = "muy mucho mucha muchos había han ha sin sobre entre hasta desde ya todo toda todos nada algo alguien siempre nunca ahora mañana ayer tarde noche día semana gente cosa vez puedo puede hacer hecho ir fue ver dijo decir estaba el la los las un una unos unas y o pero de del a en con por para es son está están estoy era fue ser yo tú él ella nosotros ellos me mi mis tu tus su sus este esta eso qué cómo por qué cuando dónde quién no sí hay muy gracias hola bueno buena también pero tengo tiene quiero creo porque más le lo se nos al hoy",
        ["fr"] = "très beaucoup avait ont a sans sur entre jusqu depuis déjà tout toute tous rien quelque quelqu toujours jamais maintenant demain hier soir nuit jour semaine gens chose fois peux peut faire fait aller allé voir dit dire était le la les un une des et ou mais de du à au aux en dans avec pour par est sont était suis je tu il elle nous vous ils elles me mon ma mes ton ta tes son sa ses ce cette ces que qui quoi comment pourquoi quand où ne pas oui non très merci bonjour salut bien aussi avoir j'ai c'est il y a veux pense parce plus leur",
        ["pt"] = "muito muita muitos havia têm tem sem sobre entre até desde já todo toda todos nada algo alguém sempre nunca agora amanhã ontem tarde noite dia semana gente coisa vez posso pode fazer feito ir foi ver disse dizer estava o a os as um uma uns umas e ou mas de do da dos das em no na nos nas com por para é são está estão estou era foi ser eu tu você ele ela nós eles me meu minha seu sua este esta isso que como porque quando onde quem não sim há muito obrigado obrigada olá bom boa também tenho tem quero acho mais lhe se hoje",
        ["it"] = "molto molta molti aveva hanno ha senza sopra tra fra fino da già tutto tutta tutti niente qualcosa qualcuno sempre mai adesso ora domani ieri sera notte giorno settimana gente cosa volta posso può fare fatto andare andato vedere detto dire c'era il lo la i gli le un una uno e o ma di del della dei delle a al alla in nel nella con per è sono era stato essere io tu lui lei noi voi loro mi mio mia tuo tua suo sua questo questa che come perché quando dove chi non sì molto grazie ciao buongiorno bene anche ho ha voglio penso più ci oggi",
        ["ca"] = "molta molts havia han ha sense sobre entre fins des ja tot tota tots res alguna algú sempre mai ara demà ahir tarda nit dia setmana gent cosa vegada puc pot fer fet anar anat veure dit dir estava tothom aquestes aquests el la els les un una uns unes i o però de del dels a al en amb per és són està estan estic era va ser jo tu ell ella nosaltres ells em meu meva teu teva seu seva aquest aquesta això què com per què quan on qui no sí hi ha molt gràcies hola bon bona també tinc té vull crec perquè més avui",
        ["de"] = "viel viele hatte haben hast ohne über zwischen bis seit schon alles alle nichts etwas jemand immer nie jetzt morgen gestern abend nacht tag woche leute sache mal kann kannst machen gemacht gehen ging sehen sagte sagen uns euch der die das ein eine einen und oder aber von zu in im an auf für mit ist sind war waren sein ich du er sie es wir ihr mich mein meine dein deine sein seine dieser diese was wie warum wann wo wer nicht kein ja nein sehr danke hallo gut auch habe hat will denke weil mehr heute",
        ["nl"] = "veel had hebben zonder over tussen tot sinds al alles allemaal niets iets iemand altijd nooit nu morgen gisteren avond nacht dag week mensen ding keer kan kun maken gemaakt gaan ging zien zei zeggen ons er de het een en of maar van naar in op aan voor met is zijn was waren ben ik jij je hij zij wij jullie mij mijn jouw zijn haar deze dit dat wat hoe waarom wanneer waar wie niet geen ja nee heel dank bedankt hallo goed ook heb heeft wil denk omdat meer vandaag",
    };

    /// <summary>Letter evidence: a pattern and the weight it adds to each language.</summary>
    private static readonly (Regex Pattern, (string Language, double Weight)[] Votes)[] LetterEvidence =
    [
        (new Regex("[ñ¿¡]"), [("es", 2.0)]),
        (new Regex("[ãõ]|ção|ções"), [("pt", 2.5)]),
        (new Regex("l·l|[ïò]"), [("ca", 2.0)]),
        (new Regex("ß|[äöü]"), [("de", 2.0)]),
        (new Regex(@"ij\b|\bij|oe|aa"), [("nl", 0.8)]),
        (new Regex("[êâîôûœ]|ç[aeo]"), [("fr", 0.8), ("pt", 0.4)]),
        (new Regex("[ìù]|zz|gli\\b|ch[ei]"), [("it", 0.8)]),
        (new Regex(@"\bth|ing\b|\bwh|ght|ly\b"), [("en", 1.0)]),
        // Word endings typical of one language.
        (new Regex(@"ción\b|ía\b|ado\b|ada\b|[áéíóú]n\b"), [("es", 0.6), ("pt", 0.2)]),
        (new Regex(@"ção\b|ões\b|inh[oa]\b|[aeo]u\b|vel\b"), [("pt", 0.8)]),
        (new Regex(@"zione\b|ssim[oa]\b|[aeiou]tt[aeio]\b|[cg]i[aou]\b|\w+[aeio]\b"), [("it", 0.25)]),
        (new Regex(@"ció\b|[aeiou]ix\b|\w+ts\b|\b[lds]'[aeiouh]|\bels\b"), [("ca", 0.6)]),
        (new Regex(@"eau|eux\b|\b[jldmnstc]'|ez\b|ais\b|ait\b"), [("fr", 0.8)]),
        (new Regex(@"sch|ung\b|lich\b|keit\b|ei|ie"), [("de", 0.4), ("nl", 0.15)]),
        (new Regex(@"lijk\b|ee|uu|\bge\w+d\b|\bge\w+t\b"), [("nl", 0.5)]),
    ];

    private static readonly Dictionary<string, (string Language, double Weight)[]> WordVotes = BuildWordVotes();

    private static Dictionary<string, (string, double)[]> BuildWordVotes()
    {
        var byWord = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (language, words) in Profiles)
            foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct())
            {
                if (!byWord.TryGetValue(word, out var languages)) byWord[word] = languages = [];
                languages.Add(language);
            }
        return byWord.ToDictionary(p => p.Key, p => p.Value.Select(l => (l, 1.0 / p.Value.Count)).ToArray(), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> SupportedLanguages { get; } = Profiles.Keys.ToArray();

    public LanguageGuess Detect(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return LanguageGuess.Unknown;
        var lower = text.ToLowerInvariant();
        var scores = Profiles.Keys.ToDictionary(l => l, _ => 0.0, StringComparer.Ordinal);

        foreach (Match word in WordPattern().Matches(lower))
            if (WordVotes.TryGetValue(word.Value, out var votes))
                foreach (var (language, weight) in votes) scores[language] += weight;

        foreach (var (pattern, votes) in LetterEvidence)
        {
            var hits = Math.Min(3, pattern.Count(lower));
            foreach (var (language, weight) in votes) scores[language] += hits * weight;
        }

        var ranked = scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
        var total = ranked.Sum(s => s.Value);
        if (ranked[0].Value < MinimumEvidence) return LanguageGuess.Unknown;
        return new LanguageGuess(ranked[0].Key, Math.Round(ranked[0].Value / total, 2));
    }

    [GeneratedRegex(@"[\p{L}]+(?:['’][\p{L}]+)?")]
    private static partial Regex WordPattern();
}
