using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Socializer.Tests.MultiInstance;

/// <summary>
/// One real app instance: `dotnet Socializer.Web.dll` as a child process on a loopback port, configured only through
/// environment variables, as an operator would run it. Its console output is kept for the failure message.
/// </summary>
public sealed class AppInstance : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private AppInstance(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        this.process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }
    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string RecentOutput => string.Join(Environment.NewLine, output.TakeLast(60));

    public static async Task<AppInstance> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var port = Support.RedisServer.FreePort();
        var start = StartInfo(settings);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var instance = new AppInstance(name, port, Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
        await instance.WaitUntilLiveAsync();
        return instance;
    }

    /// <summary>`dotnet Socializer.Web.dll migrate`, as an operator runs it once before starting instances.</summary>
    public static async Task MigrateAsync(IReadOnlyDictionary<string, string> settings)
    {
        var start = StartInfo(settings);
        start.ArgumentList.Add("migrate");
        using var migrate = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = Task.WhenAll(migrate.StandardOutput.ReadToEndAsync(), migrate.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await migrate.WaitForExitAsync(timeout.Token);
        var text = string.Join(Environment.NewLine, await output);
        if (migrate.ExitCode != 0) throw new InvalidOperationException($"migrate exited with {migrate.ExitCode}:\n{text}");
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> settings)
    {
        var web = WebOutputDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(web, "Socializer.Web.dll"));
        // Development serves Blazor's and MudBlazor's static assets straight from the build output.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Socializer.Core.MultiInstance"] = "Information";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return start;
    }

    private async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"Instance {Name} exited with {process.ExitCode}:\n{RecentOutput}");
            try
            {
                if ((await http.GetAsync(new Uri("/health/live", UriKind.Relative))).IsSuccessStatusCode) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Instance {Name} did not come up:\n{RecentOutput}");
            await Task.Delay(250);
        }
    }

    /// <summary>Socializer.Web's build output beside the tests' (same configuration): the test project builds it.</summary>
    private static string WebOutputDirectory()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Socializer.sln"))) root = root.Parent;
        var web = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Socializer.sln not found above the tests"),
            "Socializer.Web", "bin", configuration, framework);
        return File.Exists(Path.Combine(web, "Socializer.Web.dll")) ? web : throw new InvalidOperationException($"No Socializer.Web.dll in {web}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
