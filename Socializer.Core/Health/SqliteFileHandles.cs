namespace Socializer.Core.Health;

/// <summary>
/// Microsoft.Data.Sqlite pools physical connections without a maximum or metrics; on Linux each one is an
/// open file descriptor on the database file, so /proc/self/fd tells how many exist (pooled + in use).
/// </summary>
public static class SqliteFileHandles
{
    /// <summary>The number of open handles on <paramref name="databasePath"/>, or null where this can't be known.</summary>
    public static int? CountPhysicalConnections(string? databasePath)
    {
        if (!OperatingSystem.IsLinux() || string.IsNullOrEmpty(databasePath) || !Directory.Exists("/proc/self/fd")) return null;
        var target = Path.GetFullPath(databasePath);
        var count = 0;
        try
        {
            foreach (var link in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            {
                try
                {
                    if (string.Equals(new FileInfo(link).LinkTarget, target, StringComparison.Ordinal)) count++;
                }
                catch (IOException) { } // the descriptor closed while we looked
                catch (UnauthorizedAccessException) { }
            }
        }
        catch (DirectoryNotFoundException) { return null; }
        return count;
    }
}
