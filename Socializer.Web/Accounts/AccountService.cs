using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Socializer.Core.Accounts;

namespace Socializer.Web.Accounts;

public sealed record RegistrationRequest(string? Email, string? Password, string? UserName);

/// <summary>Either the new user, or errors keyed by field name (ready for a validation problem response).</summary>
public sealed record RegistrationResult(AppUser? User, IDictionary<string, string[]> Errors)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Registration shared by the browser page and the HTTP API, so both validate the same way.
/// Request-scoped: it uses Identity's UserManager (and so the request's context), never inside a circuit.
/// </summary>
public sealed class AccountService(UserManager<AppUser> userManager, IEnumerable<IUserOnboardingStep> onboarding, ILogger<AccountService> logger)
{
    public const int UserNameMinLength = 3;
    public const int UserNameMaxLength = 32;

    public async Task<RegistrationResult> RegisterAsync(RegistrationRequest request, CancellationToken ct)
    {
        var errors = Validate(request);
        if (errors.Count > 0) return new(null, errors);

        var email = request.Email!.Trim();
        var userName = request.UserName!.Trim();
        var user = new AppUser { Email = email, UserName = userName, DisplayName = userName };
        var created = await userManager.CreateAsync(user, request.Password!);
        if (!created.Succeeded) return new(null, MapIdentityErrors(created.Errors));

        await userManager.AddToRoleAsync(user, Roles.User);
        foreach (var step in onboarding)
        {
            try { await step.OnUserCreatedAsync(user.Id, ct); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Onboarding step {Step} failed for user {UserId}", step.GetType().Name, user.Id);
            }
        }
        return new(user, new Dictionary<string, string[]>());
    }

    private static Dictionary<string, string[]> Validate(RegistrationRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email))
            errors["email"] = ["Email is required."];
        else if (!new EmailAddressAttribute().IsValid(request.Email.Trim()))
            errors["email"] = ["Email is not a valid address."];

        var userName = request.UserName?.Trim();
        if (string.IsNullOrEmpty(userName))
            errors["userName"] = ["User name is required."];
        else if (userName.Length is < UserNameMinLength or > UserNameMaxLength)
            errors["userName"] = [$"User name must be {UserNameMinLength} to {UserNameMaxLength} characters."];

        if (string.IsNullOrEmpty(request.Password))
            errors["password"] = ["Password is required."];
        return errors;
    }

    private static Dictionary<string, string[]> MapIdentityErrors(IEnumerable<IdentityError> identityErrors) =>
        identityErrors
            .GroupBy(e => e.Code switch
            {
                _ when e.Code.StartsWith("Password", StringComparison.Ordinal) => "password",
                "DuplicateEmail" or "InvalidEmail" => "email",
                "DuplicateUserName" or "InvalidUserName" => "userName",
                _ => "",
            })
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
