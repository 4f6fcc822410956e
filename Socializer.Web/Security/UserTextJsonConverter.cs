using System.Text.Json;
using System.Text.Json.Serialization;
using Socializer.Core.Security;

namespace Socializer.Web.Security;

/// <summary>
/// Every string in an API request body obeys <see cref="UserText"/>: a control character or a broken surrogate
/// anywhere (a name, a title, a password) makes the body unreadable, which the API answers with a 400 naming it.
/// </summary>
public sealed class UserTextJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected text, found {reader.TokenType}.");
        string? text;
        try
        {
            text = reader.GetString();
        }
        catch (InvalidOperationException broken)
        {
            throw new JsonException(broken.Message, broken);
        }
        return UserText.Problem(text) is { } problem ? throw new JsonException(problem) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
