using System.Text.RegularExpressions;

namespace Socializer.Tests.Architecture;

public sealed partial class AsyncRulesTests
{
    /// <summary>Blocking on async code in a Blazor Server app starves the thread pool every circuit shares.</summary>
    [Fact]
    public void App_code_never_blocks_on_async()
    {
        var offenders = SourceFiles.App()
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && Blocking().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(SourceFiles.RepositoryRoot, x.file)}:{x.number}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void The_rule_recognises_what_it_forbids()
    {
        Assert.Matches(Blocking(), "var x = task.Result;");
        Assert.Matches(Blocking(), "task.Wait();");
        Assert.Matches(Blocking(), "t.GetAwaiter().GetResult()");
        Assert.DoesNotMatch(Blocking(), "var result = await task;");
        Assert.DoesNotMatch(Blocking(), "if (created.Succeeded) return Results.Ok();");
    }

    [GeneratedRegex(@"\.Result\b(?!s)[^a-zA-Z(]|\.Wait\(\)|GetAwaiter\(\)\.GetResult\(\)")]
    private static partial Regex Blocking();
}
