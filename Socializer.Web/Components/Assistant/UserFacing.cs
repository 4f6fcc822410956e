namespace Socializer.Web.Components.Assistant;

public static class UserFacing
{
    /// <summary>A validation message for people: without the " (Parameter 'x')" suffix meant for developers.</summary>
    public static string Message(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
}
