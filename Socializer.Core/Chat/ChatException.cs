namespace Socializer.Core.Chat;

public enum ChatError
{
    /// <summary>The input breaks a rule (too long, empty, wrong kind of room); nothing was changed.</summary>
    Invalid,
    /// <summary>No such thing, or the user may not know it exists.</summary>
    NotFound,
    /// <summary>The thing exists and the user may see it, but not do this to it.</summary>
    Forbidden,
}

/// <summary>A chat rule said no. The message is written for the user; the API maps <see cref="Error"/> to a 4xx.</summary>
public sealed class ChatException : Exception
{
    public ChatException() : this(ChatError.Invalid, "The chat request was refused.") { }

    public ChatException(string message) : this(ChatError.Invalid, message) { }

    public ChatException(string message, Exception innerException) : base(message, innerException) { }

    public ChatException(ChatError error, string message) : base(message) => Error = error;

    public ChatError Error { get; }

    public static ChatException NotFound(string message) => new(ChatError.NotFound, message);
    public static ChatException Forbidden(string message) => new(ChatError.Forbidden, message);
    public static ChatException Invalid(string message) => new(ChatError.Invalid, message);
}
