using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Socializer.Tests.Support;

/// <summary>
/// A private redis-server on a free loopback port, owned by the test that starts it: no persistence, killed on
/// dispose. <see cref="StopAsync"/> and <see cref="StartAsync"/> take it away and bring it back on the same port,
/// which is how the outage tests make Redis really go down. test.sh installs redis-server from Debian.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private Process? process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string; short timeouts so an outage shows quickly.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    public static async Task<RedisServer> StartNewAsync()
    {
        var server = new RedisServer(FreePort());
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        if (process is { HasExited: false }) return;
        if (!File.Exists(Executable)) throw new InvalidOperationException($"{Executable} is missing: test.sh installs it (apt-get install redis-server).");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
            start.ArgumentList.Add(argument);
        process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await AnswersAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"redis-server on port {Port} did not come up");
            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server (as a crash would) and waits until the port is closed.</summary>
    public async Task StopAsync()
    {
        if (process is null) return;
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            await using var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return read > 0 && buffer[0] == (byte)'+';
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
