using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Socializer.Core.Accounts;

namespace Socializer.Web.Accounts;

/// <summary>
/// Bearer tokens are self-contained, so by themselves they live until they expire. Checking the security
/// stamp inside them on every request makes logout (which changes the stamp) revoke them at once.
/// Cost: one single-column user lookup per API request. The token is read here once and the result handed to
/// the handler, which would otherwise decrypt it a second time.
/// </summary>
internal static class BearerTokenRevocation
{
    public static async Task AuthenticateUnlessRevokedAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;

        var ticket = context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        // Unreadable or expired: leave it to the handler, which rejects it with its own reason.
        if (ticket?.Principal is null || ticket.Properties.ExpiresUtc is not { } expires
            || (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow() >= expires) return;

        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = ticket.Principal.FindFirstValue(claims.UserIdClaimType);
        var stamp = ticket.Principal.FindFirstValue(claims.SecurityStampClaimType);
        if (userId is null || stamp is null
            || !string.Equals(stamp, await services.GetRequiredService<SecurityStamps>().CurrentAsync(userId, context.HttpContext.RequestAborted), StringComparison.Ordinal))
        {
            context.Fail("This token has been revoked.");
            return;
        }
        context.Principal = ticket.Principal;
        context.Properties = ticket.Properties;
        context.Success();
    }
}
