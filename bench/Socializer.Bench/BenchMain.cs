using System.Text.Json;

namespace Socializer.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Socializer.Bench -- [--quick] [--out DIR]</c>: runs the benchmark and writes
/// DIR/benchmarks.md and DIR/benchmarks.json (DIR defaults to the repository's docs/).
/// </summary>
public static class BenchMain
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> Main(string[] args)
    {
        var options = args.Contains("--smoke") ? BenchOptions.Smoke : args.Contains("--quick") ? BenchOptions.Quick : BenchOptions.Full;
        var root = RepositoryRoot();
        var outIndex = Array.IndexOf(args, "--out");
        var output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : Path.Combine(root ?? ".", "docs");

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

    /// <summary>The folder holding Socializer.sln, found upwards from the working directory, then from the binary.</summary>
    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Socializer.sln"))) return dir.FullName;
        return null;
    }
}
