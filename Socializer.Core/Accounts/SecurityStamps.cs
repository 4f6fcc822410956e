using Microsoft.EntityFrameworkCore;
using Socializer.Core.Data;

namespace Socializer.Core.Accounts;

/// <summary>
/// A user's current security stamp, read straight from the database (never cached: logout or a password change on
/// any instance must revoke a token at once). One compiled, untracked single-column query: this runs on every API request.
/// </summary>
public sealed class SecurityStamps(IDbContextFactory<AppDbContext> dbFactory)
{
    // Per instance, not static: a compiled query belongs to one model, and one process may host apps on both providers (tests, benchmark).
    private readonly Func<AppDbContext, string, CancellationToken, Task<string?>> currentStamp =
        EF.CompileAsyncQuery((AppDbContext db, string userId, CancellationToken ct) =>
            db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefault());

    /// <summary>The stamp, or null when the user does not exist (any more).</summary>
    public async Task<string?> CurrentAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await currentStamp(db, userId, ct);
    }
}
