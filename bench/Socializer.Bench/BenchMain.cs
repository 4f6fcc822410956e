using System.Text.Json;

namespace Socializer.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Socializer.Bench -- [--quick] [--requests N] [--note TEXT] [--out DIR]</c>: runs the benchmark and writes
/// DIR/benchmarks.md and DIR/benchmarks.json (DIR defaults to the repository's docs/).
/// </summary>
public static class BenchMain
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> Main(string[] args)
    {
        var options = args.Contains("--smoke") ? BenchOptions.Smoke : args.Contains("--quick") ? BenchOptions.Quick : BenchOptions.Full;
        var root = RepositoryRoot();
        var output = Argument(args, "--out") ?? Path.Combine(root ?? ".", "docs");
        if (Argument(args, "--requests") is { } requests) options = options with { Requests = int.Parse(requests, System.Globalization.CultureInfo.InvariantCulture) };
        if (Argument(args, "--note") is { } note) options = options with { Note = note };

        Console.WriteLine($"Socializer benchmark, {options.Mode} mode");
        var report = await BenchmarkRunner.RunAsync(options, Console.Out, root);
        var (markdown, json) = await WriteAsync(report, output);
        Console.WriteLine($"Wrote {markdown} and {json} in {report.TotalSeconds:F0} s");
        return 0;
    }

    public static async Task<(string Markdown, string Json)> WriteAsync(BenchmarkReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var markdown = Path.Combine(directory, "benchmarks.md");
        var json = Path.Combine(directory, "benchmarks.json");
        await File.WriteAllTextAsync(markdown, MarkdownReport.Render(report));
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, Json));
        return (markdown, json);
    }

    private static string? Argument(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>The folder holding Socializer.sln, found upwards from the working directory, then from the binary.</summary>
    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Socializer.sln"))) return dir.FullName;
        return null;
    }
}
