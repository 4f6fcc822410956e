using Microsoft.Extensions.Logging;

namespace Socializer.Core.Assistant;

/// <summary>Runs one tool so that it answers with a friendly sentence instead of throwing (the model reads the sentence).</summary>
public static class ToolCall
{
    public static async Task<string> SafeAsync(ILogger logger, string action, Func<Task<string>> tool)
    {
        try { return await tool(); }
        catch (ArgumentException e) { return $"I couldn't {action}: {e.Message}"; }
        catch (OperationCanceledException) { throw; }
        catch (Exception e)
        {
            logger.LogError(e, "Assistant tool failed while trying to {Action}", action);
            return $"Sorry, I couldn't {action} because something went wrong on my side. Please try again.";
        }
    }
}
