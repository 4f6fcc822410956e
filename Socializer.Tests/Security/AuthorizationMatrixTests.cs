using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Memory;
using Socializer.Tests.Support;

namespace Socializer.Tests.Security;

/// <summary>
/// Who may call what. Every API endpoint and every page the app maps (read from its EndpointDataSource, so a new
/// endpoint fails <see cref="Every_endpoint_the_app_maps_is_in_a_matrix"/> until someone decides who may use it)
/// is called as each of six callers, and must answer exactly the expected status.
/// Callers: anonymous; a signed-in user with nothing of their own here ("user"); Ben, a member of Ana's room;
/// Carl, a signed-in non-member; Ana, who created the room and owns the data; the admin.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixAppFactory app) : IClassFixture<MatrixAppFactory>
{
    public enum Caller { Anonymous, User, Member, NonMember, Creator, Admin }

    /// <summary>
    /// A row: the endpoint as the app names it ("VERB pattern"), the request to send (placeholders: {room}, {message},
    /// {invite} for Ben, {conversation}, {memory}, {event} of Ana's; {unique} a fresh value), and the status per caller
    /// in the order of <see cref="Caller"/>. Fresh rows change what they touch, so each call gets a new world.
    /// </summary>
    public sealed record Row(string Endpoint, string Path, string? Body, int[] Expected, bool Fresh = false);

    private const int Ok = 200, Created = 201, NoContent = 204, Bad = 400, Unauthorized = 401, Forbidden = 403, NotFound = 404;
    private static int[] Everyone(int signedIn) => [Unauthorized, signedIn, signedIn, signedIn, signedIn, signedIn];
    private static int[] OwnerOnly(int owner) => [Unauthorized, NotFound, NotFound, NotFound, owner, NotFound];
    private static int[] Members(int member, int creator) => [Unauthorized, NotFound, member, NotFound, creator, NotFound];
    private static int[] AdminOnly(int admin) => [Unauthorized, Forbidden, Forbidden, Forbidden, Forbidden, admin];
    private static int[] Anyone(int status) => [status, status, status, status, status, status];

    public static readonly Row[] Api =
    [
        new("GET /api/auth/me", "/api/auth/me", null, Everyone(Ok)),
        new("POST /api/auth/register", "/api/auth/register", """{"email":"{unique}@example.com","password":"Passw0rd!","userName":"{unique}"}""", Anyone(Created)),
        new("POST /api/auth/login", "/api/auth/login", """{"email":"matrix-login@example.com","password":"Passw0rd!"}""", Anyone(Ok)),
        new("POST /api/auth/refresh", "/api/auth/refresh", """{"refreshToken":"not-a-token"}""", Anyone(Unauthorized)),
        new("POST /api/auth/logout", "/api/auth/logout", null, Everyone(NoContent)),
        new("POST /api/auth/password", "/api/auth/password", """{"currentPassword":"wrong","newPassword":"Passw0rd!2"}""", Everyone(Bad)),

        new("GET /api/rooms", "/api/rooms", null, Everyone(Ok)),
        new("POST /api/rooms", "/api/rooms", """{"name":"matrix room","aiEnabled":false}""", Everyone(Created)),
        new("GET /api/rooms/discover", "/api/rooms/discover", null, Everyone(Ok)),
        new("GET /api/rooms/{id:int}", "/api/rooms/{room}", null, Members(Ok, Ok)),
        new("GET /api/rooms/{id:int}/members", "/api/rooms/{room}/members", null, Members(Ok, Ok)),
        new("GET /api/rooms/{id:int}/messages", "/api/rooms/{room}/messages", null, Members(Ok, Ok)),
        new("POST /api/rooms/{id:int}/messages", "/api/rooms/{room}/messages", """{"content":"hi"}""", Members(Created, Created)),
        new("POST /api/rooms/{id:int}/read", "/api/rooms/{room}/read", null, Members(NoContent, NoContent)),
        new("POST /api/rooms/{id:int}/join", "/api/rooms/{room}/join", "{}", Members(Ok, Ok), Fresh: true),
        new("POST /api/rooms/{id:int}/leave", "/api/rooms/{room}/leave", null, Members(NoContent, NoContent), Fresh: true),
        new("POST /api/rooms/{id:int}/invites", "/api/rooms/{room}/invites", """{"userId":"{stranger}"}""", Members(Created, Created), Fresh: true),
        // A member sees the message, so is told it is not theirs (403); outsiders learn nothing (404).
        new("DELETE /api/rooms/{id:int}", "/api/rooms/{room}", null, Members(Forbidden, NoContent), Fresh: true),
        new("PATCH /api/messages/{id:long}", "/api/messages/{message}", """{"content":"edited"}""", Members(Forbidden, Ok), Fresh: true),
        new("DELETE /api/messages/{id:long}", "/api/messages/{message}", null, Members(Forbidden, NoContent), Fresh: true),
        new("GET /api/invites", "/api/invites", null, Everyone(Ok)),
        new("POST /api/invites/{id:int}/accept", "/api/invites/{invite}/accept", null, [Unauthorized, NotFound, Ok, NotFound, NotFound, NotFound], Fresh: true),
        new("POST /api/invites/{id:int}/decline", "/api/invites/{invite}/decline", null, [Unauthorized, NotFound, NoContent, NotFound, NotFound, NotFound], Fresh: true),
        new("GET /api/search", "/api/search?q=hello", null, Everyone(Ok)),
        new("GET /api/users", "/api/users?query=matrix", null, Everyone(Ok)),

        new("POST /api/ai-chat/", "/api/ai-chat", """{"message":"Hello"}""", Everyone(Ok)),
        new("GET /api/ai-chat/conversations", "/api/ai-chat/conversations", null, Everyone(Ok)),
        new("GET /api/ai-chat/conversations/{id:int}", "/api/ai-chat/conversations/{conversation}", null, OwnerOnly(Ok)),
        new("PUT /api/ai-chat/conversations/{id:int}", "/api/ai-chat/conversations/{conversation}", """{"title":"renamed"}""", OwnerOnly(NoContent), Fresh: true),
        new("DELETE /api/ai-chat/conversations/{id:int}", "/api/ai-chat/conversations/{conversation}", null, OwnerOnly(NoContent), Fresh: true),
        new("GET /api/me/memory", "/api/me/memory", null, Everyone(Ok)),
        new("DELETE /api/me/memory", "/api/me/memory", null, Everyone(Ok), Fresh: true),
        new("GET /api/me/memory/{id:int}", "/api/me/memory/{memory}", null, OwnerOnly(Ok)),
        new("PUT /api/me/memory/{id:int}", "/api/me/memory/{memory}", """{"key":"favourite food","value":"soup","category":"Preference"}""", OwnerOnly(Ok), Fresh: true),
        new("DELETE /api/me/memory/{id:int}", "/api/me/memory/{memory}", null, OwnerOnly(NoContent), Fresh: true),
        new("GET /api/me/settings", "/api/me/settings", null, Everyone(Ok)),
        new("PUT /api/me/settings", "/api/me/settings", """{"preferredLanguage":"en","aiTemperature":0.5,"passiveTranslationEnabled":false,"coachingHintsEnabled":true}""", Everyone(Ok)),
        new("GET /api/me/training", "/api/me/training", null, Everyone(Ok)),
        new("GET /api/me/life-events/", "/api/me/life-events", null, Everyone(Ok)),
        new("GET /api/me/life-events/timeline", "/api/me/life-events/timeline", null, Everyone(Ok)),
        new("POST /api/me/life-events/", "/api/me/life-events", """{"title":"Started a job","category":"work","occurredOn":"2025-01-01"}""", Everyone(Created)),
        new("GET /api/me/life-events/{id:int}", "/api/me/life-events/{event}", null, OwnerOnly(Ok)),
        new("PUT /api/me/life-events/{id:int}", "/api/me/life-events/{event}", """{"title":"Moved","category":"home","occurredOn":"2024-05-01"}""", OwnerOnly(Ok), Fresh: true),
        new("DELETE /api/me/life-events/{id:int}", "/api/me/life-events/{event}", null, OwnerOnly(NoContent), Fresh: true),
        new("POST /api/translate", "/api/translate", """{"text":"hello","to":"es","from":"en"}""", Everyone(Ok)),

        new("GET /api/admin/health", "/api/admin/health", null, AdminOnly(Ok)),
        new("GET /api/admin/pool-health", "/api/admin/pool-health", null, AdminOnly(Ok)),
        new("GET /api/admin/pool-health/history", "/api/admin/pool-health/history", null, AdminOnly(Ok)),
        new("POST /api/admin/self-test", "/api/admin/self-test", """{"count":1}""", AdminOnly(Ok)),
        // The drills exist only in Development (or with Health:DrillsEnabled): elsewhere even the admin gets 404.
        new("POST /api/admin/drills/leak", "/api/admin/drills/leak", """{"seconds":1}""", AdminOnly(NotFound)),
        new("POST /api/admin/drills/release", "/api/admin/drills/release", null, AdminOnly(NotFound)),
    ];

    /// <summary>Pages, with a cookie session: 302 means "sent to log in" for anonymous, "access denied" for signed-in callers.</summary>
    public static readonly Row[] Pages =
    [
        new("GET,POST /", "/", null, SignedInPage()),
        new("GET,POST /chat", "/chat", null, SignedInPage()),
        new("GET,POST /chat/{RoomId:int}", "/chat/{room}", null, SignedInPage()),
        new("GET,POST /assistant", "/assistant", null, SignedInPage()),
        new("GET,POST /assistant/{ConversationId:int}", "/assistant/{conversation}", null, SignedInPage()),
        new("GET,POST /settings", "/settings", null, SignedInPage()),
        new("GET,POST /profile/memory", "/profile/memory", null, SignedInPage()),
        new("GET,POST /profile/training", "/profile/training", null, SignedInPage()),
        new("GET,POST /profile/life-events", "/profile/life-events", null, SignedInPage()),
        new("GET,POST /admin/health", "/admin/health", null, [302, 302, 302, 302, 302, Ok]),
        new("GET,POST /admin/users", "/admin/users", null, [302, 302, 302, 302, 302, Ok]),
        new("GET,POST /Account/Login", "/Account/Login", null, Anyone(Ok)),
        new("GET,POST /Account/Register", "/Account/Register", null, Anyone(Ok)),
        new("GET,POST /Account/Lockout", "/Account/Lockout", null, Anyone(Ok)),
        new("GET,POST /Account/AccessDenied", "/Account/AccessDenied", null, Anyone(Ok)),
        new("GET,POST /Error", "/Error", null, Anyone(Ok)),
        new("GET,POST /not-found", "/not-found", null, Anyone(Ok)),
    ];

    private static int[] SignedInPage() => [302, Ok, Ok, Ok, Ok, Ok];

    /// <summary>Mapped by the framework or open by design; each has a test of its own elsewhere.</summary>
    private static readonly Dictionary<string, string> Infrastructure = new()
    {
        ["* /_blazor"] = "the circuit hub: a circuit without a signed-in user renders only the pages above (anonymous → login)",
        ["* /_blazor/disconnect/"] = "Blazor's circuit disconnect beacon",
        ["* /_blazor/initializers/"] = "Blazor's JS initializer list (public assets)",
        ["* /_blazor/negotiate"] = "the hub's negotiate step",
        ["GET /_framework/opaque-redirect"] = "Blazor's enhanced-navigation redirect helper",
        ["GET,HEAD {**path:file}"] = "static files",
        ["* /health"] = "liveness/readiness for load balancers: public by design, says only Healthy/Unhealthy",
        ["* /health/live"] = "liveness probe",
        ["* /health/ready"] = "readiness probe",
        ["POST /Account/Logout"] = "the logout form: antiforgery-checked (SessionRevocationTests)",
    };

    [Fact]
    public void Every_endpoint_the_app_maps_is_in_a_matrix()
    {
        _ = app.CreateClient();
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText}")
            .ToHashSet();
        var known = Api.Select(r => r.Endpoint).Concat(Pages.Select(r => r.Endpoint)).Concat(Infrastructure.Keys).ToHashSet();

        Assert.True(mapped.Except(known).ToList() is [], $"Add these endpoints to the authorization matrix: {string.Join("; ", mapped.Except(known))}");
        Assert.True(known.Except(mapped).ToList() is [], $"The matrix lists endpoints the app no longer maps: {string.Join("; ", known.Except(mapped))}");
    }

    public static TheoryData<string> ApiRows() => [.. Api.Select(r => r.Endpoint)];

    public static TheoryData<string> PageRows() => [.. Pages.Select(r => r.Endpoint)];

    [Theory]
    [MemberData(nameof(ApiRows))]
    public async Task Api_endpoint_answers_each_caller_as_expected(string endpoint)
    {
        var row = Api.Single(r => r.Endpoint == endpoint);
        var world = row.Fresh ? null : await World.SharedAsync(app);
        var got = new List<int>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            var w = world ?? await World.CreateAsync(app);
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Split(' ')[0]), w.Fill(row.Path));
            if (row.Body is not null) request.Content = new StringContent(w.Fill(row.Body), Encoding.UTF8, "application/json");
            if (w.Token(caller) is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await w.Api.SendAsync(request);
            got.Add((int)response.StatusCode);
        }
        if (row.Endpoint == "POST /api/auth/logout") world!.Forget();
        Assert.True(row.Expected.SequenceEqual(got), $"{endpoint}: expected {Show(row.Expected)}, got {Show(got)}");
    }

    [Theory]
    [MemberData(nameof(PageRows))]
    public async Task Page_answers_each_caller_as_expected(string endpoint)
    {
        var row = Pages.Single(r => r.Endpoint == endpoint);
        var world = await World.SharedAsync(app);
        var got = new List<int>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            var browser = await world.BrowserAsync(caller);
            using var response = await browser.GetAsync(world.Fill(row.Path));
            got.Add((int)response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                var to = response.Headers.Location!.OriginalString;
                Assert.Contains(caller == Caller.Anonymous ? "/Account/Login" : "/Account/AccessDenied", to, StringComparison.Ordinal);
            }
        }
        Assert.True(row.Expected.SequenceEqual(got), $"{endpoint}: expected {Show(row.Expected)}, got {Show(got)}");
    }

    private static string Show(IEnumerable<int> statuses) =>
        string.Join(", ", Enum.GetValues<Caller>().Zip(statuses, (c, s) => $"{c} {s}"));

    /// <summary>The six callers and Ana's things. Users are created once per app; rooms and data per world.</summary>
    private sealed class World
    {
        private static readonly string[] Helpers = ["matrix-login@example.com", "matrix-stranger@example.com"];

        private readonly MatrixAppFactory app;
        private readonly Dictionary<Caller, string?> tokens = [];
        private readonly Dictionary<string, string> values = [];

        private World(MatrixAppFactory app)
        {
            this.app = app;
            Api = app.CreateClient();
        }

        public HttpClient Api { get; }

        /// <summary>One world for all the rows that change nothing of Ana's.</summary>
        public static async Task<World> SharedAsync(MatrixAppFactory app) =>
            (World)(app.SharedWorld ??= await CreateAsync(app));

        public static async Task<World> CreateAsync(MatrixAppFactory app)
        {
            var world = new World(app);
            await world.BuildAsync();
            return world;
        }

        private static string Email(Caller caller) => caller switch
        {
            Caller.User => "matrix-user@example.com",
            Caller.Member => "matrix-ben@example.com",
            Caller.NonMember => "matrix-carl@example.com",
            Caller.Creator => "matrix-ana@example.com",
            Caller.Admin => SocializerAppFactory.AdminEmail,
            _ => "",
        };

        private static string Password(Caller caller) => caller == Caller.Admin ? SocializerAppFactory.AdminPassword : "Passw0rd!";

        public string? Token(Caller caller) => tokens.GetValueOrDefault(caller);

        public async Task<HttpClient> BrowserAsync(Caller caller)
        {
            if (caller == Caller.Anonymous) return await app.BrowserAsync();
            if (!app.Browsers.TryGetValue(Email(caller), out var browser))
                app.Browsers[Email(caller)] = browser = await app.BrowserAsync(Email(caller), Password(caller));
            return browser;
        }

        /// <summary>After a logout every token and cookie session of the caller is dead: sign in again next time.</summary>
        public void Forget()
        {
            app.Tokens.Clear();
            app.Browsers.Clear();
            app.SharedWorld = null;
        }

        public string Fill(string text)
        {
            foreach (var (key, value) in values) text = text.Replace($"{{{key}}}", value, StringComparison.Ordinal);
            return text.Replace("{unique}", $"m{Guid.NewGuid():N}"[..16], StringComparison.Ordinal);
        }

        private async Task BuildAsync()
        {
            if (!app.Registered)
            {
                foreach (var email in Helpers.Concat(Enum.GetValues<Caller>().Where(c => c is not (Caller.Anonymous or Caller.Admin)).Select(Email)))
                    (await Api.RegisterAsync(email)).Dispose();
                app.Registered = true;
            }

            foreach (var caller in Enum.GetValues<Caller>())
                tokens[caller] = caller == Caller.Anonymous ? null : await LoginAsync(Email(caller), Password(caller));
            var ana = tokens[Caller.Creator]!;
            var ben = tokens[Caller.Member]!;
            values["stranger"] = await IdAsync(await LoginAsync("matrix-stranger@example.com", "Passw0rd!"));
            var benId = await IdAsync(ben);

            var room = await SendAsync(ana, HttpMethod.Post, "/api/rooms", new { name = "ana's room", inviteeIds = new[] { benId }, aiEnabled = false });
            values["room"] = room.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var invites = await SendAsync(ben, HttpMethod.Get, "/api/invites", null);
            var invite = invites.EnumerateArray().Single(i => i.GetProperty("roomId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) == values["room"]).GetProperty("id").GetInt32();
            await SendAsync(ben, HttpMethod.Post, $"/api/invites/{invite}/accept", null);
            values["message"] = (await SendAsync(ana, HttpMethod.Post, $"/api/rooms/{values["room"]}/messages", new { content = "hello ben" })).GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

            // A second room whose invite Ben has not answered yet.
            var other = await SendAsync(ana, HttpMethod.Post, "/api/rooms", new { name = "ana's other room", inviteeIds = new[] { benId }, aiEnabled = false });
            values["invite"] = (await SendAsync(ben, HttpMethod.Get, "/api/invites", null)).EnumerateArray()
                .Single(i => i.GetProperty("roomId").GetInt32() == other.GetProperty("id").GetInt32()).GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

            values["conversation"] = (await SendAsync(ana, HttpMethod.Post, "/api/ai-chat", new { message = "Hello" })).GetProperty("conversationId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
            values["event"] = (await SendAsync(ana, HttpMethod.Post, "/api/me/life-events", new { title = "Moved to Lisbon", category = "home", occurredOn = "2024-05-01" })).GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var anaId = await IdAsync(ana);
            var memory = app.Services.GetRequiredService<MemoryService>();
            await memory.RememberAsync(anaId, $"fact {Guid.NewGuid():N}", "something");
            values["memory"] = (await memory.ListAsync(anaId)).Max(m => m.Id).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        private async Task<string> LoginAsync(string email, string password)
        {
            if (app.Tokens.TryGetValue(email, out var token)) return token;
            app.Tokens[email] = token = await FreshLoginAsync(email, password);
            return token;
        }

        private async Task<string> FreshLoginAsync(string email, string password)
        {
            var response = await Api.LoginAsync(email, password);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        }

        private async Task<string> IdAsync(string token) => (await SendAsync(token, HttpMethod.Get, "/api/auth/me", null)).GetProperty("id").GetString()!;

        private async Task<JsonElement> SendAsync(string token, HttpMethod method, string path, object? body)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await Api.SendAsync(request);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }
}
