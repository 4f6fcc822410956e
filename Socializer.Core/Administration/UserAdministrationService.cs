using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Accounts;
using Socializer.Core.Data;
using Socializer.Core.Health.SelfTest;

namespace Socializer.Core.Administration;

public sealed record UserSummary(
    string Id,
    string UserName,
    string DisplayName,
    string? Email,
    IReadOnlyList<string> Roles,
    bool IsLocked,
    DateTime? LastSeenAt)
{
    public bool IsAdmin => Roles.Contains(Accounts.Roles.Admin);
}

public sealed record UserAdminResult(bool Succeeded, string Message)
{
    public static UserAdminResult Ok(string message) => new(true, message);
    public static UserAdminResult Refused(string message) => new(false, message);
}

/// <summary>
/// Admin → Users. Reads go through the context factory; changes go through Identity's UserManager in a
/// scope of their own per operation (never a circuit-held UserManager), so stamps and normalisation stay right.
/// </summary>
public sealed class UserAdministrationService(IDbContextFactory<AppDbContext> dbFactory, IServiceScopeFactory scopes)
{
    public const int PageSize = 200;

    /// <summary>Users whose name, display name or email contains <paramref name="search"/> (all when empty).</summary>
    public async Task<IReadOnlyList<UserSummary>> SearchAsync(string? search, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Users.AsNoTracking().Where(u => u.UserName != SelfTestRunner.SyntheticUserName);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            // SQLite's LIKE ignores (ASCII) case, PostgreSQL's does not: there ILIKE gives the same answers.
            query = db.Database.IsNpgsql()
                ? query.Where(u => EF.Functions.ILike(u.UserName!, pattern, "\\") || EF.Functions.ILike(u.DisplayName, pattern, "\\") || EF.Functions.ILike(u.Email!, pattern, "\\"))
                : query.Where(u => EF.Functions.Like(u.UserName!, pattern, "\\") || EF.Functions.Like(u.DisplayName, pattern, "\\") || EF.Functions.Like(u.Email!, pattern, "\\"));
        }
        var rows = await query
            .OrderBy(u => u.UserName)
            .Take(PageSize)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                u.Email,
                u.LockoutEnd,
                u.LastSeenAt,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        return [.. rows.Select(r => new UserSummary(r.Id, r.UserName ?? "", r.DisplayName, r.Email, [.. r.Roles.Order(StringComparer.Ordinal)], r.LockoutEnd > now, r.LastSeenAt))];
    }

    public async Task<UserAdminResult> SetAdminAsync(string actingUserId, string userId, bool admin, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await RefuseUnlessAdminAsync(users, actingUserId) is { } refused) return refused;
        var user = await users.FindByIdAsync(userId);
        if (user is null || user.UserName == SelfTestRunner.SyntheticUserName) return UserAdminResult.Refused("That user does not exist.");
        var isAdmin = await users.IsInRoleAsync(user, Roles.Admin);
        if (isAdmin == admin) return UserAdminResult.Ok(admin ? $"{user.UserName} is already an admin." : $"{user.UserName} is not an admin.");

        if (admin)
        {
            var added = await users.AddToRoleAsync(user, Roles.Admin);
            return added.Succeeded
                ? UserAdminResult.Ok($"{user.UserName} is now an admin (from their next sign-in).")
                : UserAdminResult.Refused(string.Join(" ", added.Errors.Select(e => e.Description)));
        }

        if (user.Id == actingUserId) return UserAdminResult.Refused("You can't remove your own admin role; ask another admin.");
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1) return UserAdminResult.Refused("The last admin can't lose the admin role.");
        var removed = await users.RemoveFromRoleAsync(user, Roles.Admin);
        if (!removed.Succeeded) return UserAdminResult.Refused(string.Join(" ", removed.Errors.Select(e => e.Description)));
        await users.UpdateSecurityStampAsync(user); // signs them out everywhere, so the old role claim dies with the session
        return UserAdminResult.Ok($"{user.UserName} is no longer an admin.");
    }

    public async Task<UserAdminResult> SetLockedAsync(string actingUserId, string userId, bool locked, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await RefuseUnlessAdminAsync(users, actingUserId) is { } refused) return refused;
        var user = await users.FindByIdAsync(userId);
        if (user is null || user.UserName == SelfTestRunner.SyntheticUserName) return UserAdminResult.Refused("That user does not exist.");
        if (locked && user.Id == actingUserId) return UserAdminResult.Refused("You can't lock your own account.");

        if (locked)
        {
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user); // ends their sessions and revokes their bearer tokens
            return UserAdminResult.Ok($"{user.UserName} is locked out.");
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return UserAdminResult.Ok($"{user.UserName} can sign in again.");
    }

    private static async Task<UserAdminResult?> RefuseUnlessAdminAsync(UserManager<AppUser> users, string actingUserId)
    {
        var actor = await users.FindByIdAsync(actingUserId);
        return actor is not null && await users.IsInRoleAsync(actor, Roles.Admin) ? null : UserAdminResult.Refused("Only admins can change users.");
    }
}
