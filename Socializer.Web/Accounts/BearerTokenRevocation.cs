using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Socializer.Core.Accounts;

namespace Socializer.Web.Accounts;

/// <summary>
/// Bearer tokens are self-contained, so by themselves they live until they expire. Checking the security
/// stamp inside them on every request makes logout (which changes the stamp) revoke them at once.
/// Cost: one user lookup per API request.
/// </summary>
internal static class BearerTokenRevocation
{
    public static async Task RejectRevokedTokenAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;

        var ticket = context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        if (ticket?.Principal is null) return; // the handler itself rejects tokens it cannot read

        var signInManager = context.HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        if (await signInManager.ValidateSecurityStampAsync(ticket.Principal) is null)
            context.Fail("This token has been revoked.");
    }
}
