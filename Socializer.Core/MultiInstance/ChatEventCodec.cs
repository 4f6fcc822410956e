using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Socializer.Core.Chat;

namespace Socializer.Core.MultiInstance;

/// <summary>
/// A chat event as it travels between instances: the sending instance, the event's type name and the event as
/// JSON. Only the known <see cref="ChatEvent"/> types of this app can be read back, never an arbitrary type named
/// in the message.
/// </summary>
public static class ChatEventCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly FrozenDictionary<string, Type> KnownTypes = typeof(ChatEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(ChatEvent)) && !t.IsAbstract)
        .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> EventTypeNames => KnownTypes.Keys;

    public static string Encode(string origin, ChatEvent chatEvent) =>
        JsonSerializer.Serialize(new Envelope(origin, chatEvent.GetType().Name, JsonSerializer.SerializeToElement(chatEvent, chatEvent.GetType(), Json)), Json);

    /// <summary>Reads an envelope; null (not an exception) for anything that is not one of ours.</summary>
    public static (string Origin, ChatEvent Event)? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(text, Json);
            if (envelope is null || string.IsNullOrEmpty(envelope.Origin) || !KnownTypes.TryGetValue(envelope.Type, out var type)) return null;
            return envelope.Event.Deserialize(type, Json) is ChatEvent chatEvent ? (envelope.Origin, chatEvent) : null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    private sealed record Envelope(
        [property: JsonPropertyName("o")] string Origin,
        [property: JsonPropertyName("t")] string Type,
        [property: JsonPropertyName("e")] JsonElement Event);
}
