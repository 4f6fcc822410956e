using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Accounts;
using Socializer.Core.Administration;
using Socializer.Tests.Support;

namespace Socializer.Tests.Api;

/// <summary>The service behind Admin → Users, against the real app and its database.</summary>
public sealed class UserAdministrationTests(SocializerAppFactory app) : IClassFixture<SocializerAppFactory>
{
    private UserAdministrationService Service => app.Services.GetRequiredService<UserAdministrationService>();

    private async Task<UserSummary> FindAsync(string email) =>
        Assert.Single(await Service.SearchAsync(email, CancellationToken.None), u => u.Email == email);

    private async Task<UserSummary> RegisterAsync()
    {
        var email = $"u{Guid.NewGuid():N}"[..12] + "@test.local";
        (await app.CreateClient().RegisterAsync(email)).EnsureSuccessStatusCode();
        return await FindAsync(email);
    }

    [Fact]
    public async Task Search_matches_name_or_email_fragments_and_treats_wildcards_literally()
    {
        var user = await RegisterAsync();

        var found = await Service.SearchAsync(user.UserName[2..8].ToUpperInvariant(), CancellationToken.None);
        Assert.Equal(user.Id, Assert.Single(found).Id);
        Assert.Equal([Roles.User], found[0].Roles);
        Assert.False(found[0].IsLocked);
        Assert.Empty(await Service.SearchAsync("%", CancellationToken.None));
    }

    [Fact]
    public async Task An_admin_can_grant_and_remove_the_admin_role_but_not_their_own()
    {
        var admin = await FindAsync(SocializerAppFactory.AdminEmail);
        var user = await RegisterAsync();

        Assert.True((await Service.SetAdminAsync(admin.Id, user.Id, true, CancellationToken.None)).Succeeded);
        Assert.True((await FindAsync(user.Email!)).IsAdmin);

        var own = await Service.SetAdminAsync(admin.Id, admin.Id, false, CancellationToken.None);
        Assert.False(own.Succeeded);
        Assert.Contains("your own admin role", own.Message, StringComparison.Ordinal);
        Assert.True((await FindAsync(SocializerAppFactory.AdminEmail)).IsAdmin);

        Assert.True((await Service.SetAdminAsync(admin.Id, user.Id, false, CancellationToken.None)).Succeeded);
        Assert.False((await FindAsync(user.Email!)).IsAdmin);
    }

    [Fact]
    public async Task Locking_stops_sign_in_until_unlocked_and_an_admin_cannot_lock_themselves()
    {
        var admin = await FindAsync(SocializerAppFactory.AdminEmail);
        var user = await RegisterAsync();
        var client = app.CreateClient();

        Assert.True((await Service.SetLockedAsync(admin.Id, user.Id, true, CancellationToken.None)).Succeeded);
        Assert.True((await FindAsync(user.Email!)).IsLocked);
        Assert.Equal(HttpStatusCode.Locked, (await client.LoginAsync(user.Email!)).StatusCode);

        Assert.True((await Service.SetLockedAsync(admin.Id, user.Id, false, CancellationToken.None)).Succeeded);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(user.Email!)).StatusCode);

        var self = await Service.SetLockedAsync(admin.Id, admin.Id, true, CancellationToken.None);
        Assert.False(self.Succeeded);
        Assert.False((await FindAsync(SocializerAppFactory.AdminEmail)).IsLocked);
    }

    [Fact]
    public async Task A_non_admin_can_change_nobody()
    {
        var user = await RegisterAsync();
        var other = await RegisterAsync();

        var result = await Service.SetAdminAsync(user.Id, other.Id, true, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False((await FindAsync(other.Email!)).IsAdmin);
        Assert.False((await Service.SetLockedAsync(user.Id, other.Id, true, CancellationToken.None)).Succeeded);
    }
}
