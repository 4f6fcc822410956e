using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Socializer.Bench;

/// <summary>
/// The ceiling: the least code that does the same database work as one assistant request, on bare Kestrel with raw
/// Microsoft.Data.Sqlite (one pooled connection per request, the app's pragmas: WAL, busy_timeout=5000,
/// synchronous=NORMAL). Per request: look the user up (the app checks the bearer token's security stamp), store a new
/// conversation with the user's message in one transaction, read the user's settings and the conversation back,
/// run the "tool" (upsert a fact, or read the user's facts), store the answer. No authentication, no encryption, no
/// EF Core, no model pipeline: that is exactly what Socializer ÷ ceiling prices.
/// </summary>
public sealed class CeilingServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string connectionString;

    public Uri BaseAddress { get; private set; } = default!;

    private CeilingServer(WebApplication app, string connectionString)
    {
        this.app = app;
        this.connectionString = connectionString;
    }

    public static async Task<CeilingServer> StartAsync(string databasePath, int users)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString();
        await CreateSchemaAsync(connectionString, users);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new CeilingServer(app, connectionString);
        app.MapPost("/chat", server.ChatAsync);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    private static async Task CreateSchemaAsync(string connectionString, int users)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE Users (Id TEXT PRIMARY KEY, SecurityStamp TEXT NOT NULL, Temperature REAL NOT NULL, Language TEXT NOT NULL);
            CREATE TABLE Conversations (Id INTEGER PRIMARY KEY AUTOINCREMENT, UserId TEXT NOT NULL REFERENCES Users(Id), Title TEXT NOT NULL, CreatedAt TEXT NOT NULL, UpdatedAt TEXT NOT NULL);
            CREATE INDEX IX_Conversations_UserId ON Conversations(UserId, UpdatedAt);
            CREATE TABLE ConversationMessages (Id INTEGER PRIMARY KEY AUTOINCREMENT, ConversationId INTEGER NOT NULL REFERENCES Conversations(Id), Role INTEGER NOT NULL, Content TEXT NOT NULL, Tools TEXT, CreatedAt TEXT NOT NULL);
            CREATE INDEX IX_ConversationMessages_ConversationId ON ConversationMessages(ConversationId, Id);
            CREATE TABLE Facts (Id INTEGER PRIMARY KEY AUTOINCREMENT, UserId TEXT NOT NULL REFERENCES Users(Id), Key TEXT NOT NULL, Value TEXT NOT NULL, UpdatedAt TEXT NOT NULL, UNIQUE(UserId, Key));
            """;
        await command.ExecuteNonQueryAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Users (Id, SecurityStamp, Temperature, Language) VALUES ($id, 'stamp', 0.7, 'en')";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        for (var i = 0; i < users; i++)
        {
            id.Value = $"u{i}";
            await insert.ExecuteNonQueryAsync();
        }
    }

    private async Task<IResult> ChatAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await request.ReadFromJsonAsync<CeilingRequest>(ct);
        if (body is null) return Results.BadRequest();
        var now = DateTime.UtcNow.ToString("O");

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, null, "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;", ct);

        if (await ScalarAsync(connection, null, "SELECT SecurityStamp FROM Users WHERE Id = $u", ct, ("$u", body.User)) is null)
            return Results.Unauthorized();

        long conversationId;
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct))
        {
            conversationId = (long)(await ScalarAsync(connection, transaction,
                "INSERT INTO Conversations (UserId, Title, CreatedAt, UpdatedAt) VALUES ($u, $t, $n, $n) RETURNING Id", ct,
                ("$u", body.User), ("$t", body.Message), ("$n", now)))!;
            await ExecuteAsync(connection, transaction, "INSERT INTO ConversationMessages (ConversationId, Role, Content, CreatedAt) VALUES ($c, 0, $m, $n)", ct,
                ("$c", conversationId), ("$m", body.Message), ("$n", now));
            await transaction.CommitAsync(ct);
        }

        await ScalarAsync(connection, null, "SELECT Temperature || Language FROM Users WHERE Id = $u", ct, ("$u", body.User));
        await ReadAllAsync(connection, "SELECT Role, Content FROM ConversationMessages WHERE ConversationId = $c ORDER BY Id", ct, ("$c", conversationId));

        string answer;
        if (body.Message.StartsWith("remember", StringComparison.OrdinalIgnoreCase))
        {
            await ExecuteAsync(connection, null, """
                INSERT INTO Facts (UserId, Key, Value, UpdatedAt) VALUES ($u, 'colour', 'blue', $n)
                ON CONFLICT (UserId, Key) DO UPDATE SET Value = excluded.Value, UpdatedAt = excluded.UpdatedAt
                """, ct, ("$u", body.User), ("$n", now));
            answer = "I'll remember that your colour is blue.";
        }
        else if (body.Message.StartsWith("what", StringComparison.OrdinalIgnoreCase))
            answer = $"I know {await ReadAllAsync(connection, "SELECT Key, Value FROM Facts WHERE UserId = $u", ct, ("$u", body.User))} things about you.";
        else
            answer = "Hello! How can I help?";

        await ExecuteAsync(connection, null, "INSERT INTO ConversationMessages (ConversationId, Role, Content, CreatedAt) VALUES ($c, 1, $m, $n)", ct,
            ("$c", conversationId), ("$m", answer), ("$n", now));
        await ExecuteAsync(connection, null, "UPDATE Conversations SET UpdatedAt = $n WHERE Id = $c", ct, ("$c", conversationId), ("$n", now));
        return Results.Ok(new { response = answer, conversationId });
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        return await command.ExecuteScalarAsync(ct);
    }

    private static async Task<int> ReadAllAsync(SqliteConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = 0;
        while (await reader.ReadAsync(ct))
        {
            _ = reader.GetValue(1);
            rows++;
        }
        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record CeilingRequest(string User, string Message);
