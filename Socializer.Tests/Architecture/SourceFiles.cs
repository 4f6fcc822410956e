namespace Socializer.Tests.Architecture;

/// <summary>The app's own hand-written source files (Core and Web; generated migrations excluded).</summary>
internal static class SourceFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    private static readonly string[] AppProjects = ["Socializer.Core", "Socializer.Web"];

    public static IEnumerable<string> App() =>
        AppProjects
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepositoryRoot, project), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Socializer.sln"))) return dir.FullName;
        throw new InvalidOperationException("Socializer.sln not found above " + AppContext.BaseDirectory);
    }
}
