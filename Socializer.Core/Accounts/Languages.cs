namespace Socializer.Core.Accounts;

/// <summary>The languages a user may choose as their preferred one: ISO 639-1 codes with English names.</summary>
public static class Languages
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ar"] = "Arabic", ["ca"] = "Catalan", ["cs"] = "Czech", ["da"] = "Danish", ["de"] = "German", ["el"] = "Greek",
        ["en"] = "English", ["es"] = "Spanish", ["eu"] = "Basque", ["fi"] = "Finnish", ["fr"] = "French", ["gl"] = "Galician",
        ["hi"] = "Hindi", ["hu"] = "Hungarian", ["it"] = "Italian", ["ja"] = "Japanese", ["ko"] = "Korean", ["nb"] = "Norwegian",
        ["nl"] = "Dutch", ["pl"] = "Polish", ["pt"] = "Portuguese", ["ro"] = "Romanian", ["ru"] = "Russian", ["sv"] = "Swedish",
        ["tr"] = "Turkish", ["uk"] = "Ukrainian", ["zh"] = "Chinese",
    };

    /// <summary>"es", "ES", "Spanish", "spanish", "es-ES" → "es"; null when unknown.</summary>
    public static string? Normalize(string? language)
    {
        var value = language?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        var code = value.Split('-', '_')[0].ToLowerInvariant();
        if (code == "no") code = "nb";
        if (Names.ContainsKey(code)) return code;
        return Names.FirstOrDefault(n => string.Equals(n.Value, value, StringComparison.OrdinalIgnoreCase)).Key;
    }

    public static string NameOf(string code) => Names.TryGetValue(code, out var name) ? name : code;

    public static string Describe(string code) => $"{NameOf(code)} ({code})";
}
