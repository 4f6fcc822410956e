using Microsoft.AspNetCore.DataProtection;

namespace Socializer.Core.Privacy;

/// <summary>
/// Encrypts personal data (memory facts, life events, assistant conversations) before it is stored, with
/// ASP.NET Core Data Protection. Services call <see cref="Protect"/> before saving and <see cref="Unprotect"/>
/// after loading; a look at the raw database file shows only ciphertext.
/// Values are prefixed so a reader can tell ciphertext from text written before encryption existed.
/// </summary>
public sealed class PersonalDataProtector(IDataProtectionProvider provider)
{
    private const string Prefix = "enc1:";
    private readonly IDataProtector protector = provider.CreateProtector("Socializer.PersonalData.v1");

    public string Protect(string plaintext) => Prefix + protector.Protect(plaintext);

    public string? ProtectNullable(string? plaintext) => plaintext is null ? null : Protect(plaintext);

    public string Unprotect(string stored) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal) ? protector.Unprotect(stored[Prefix.Length..]) : stored;

    public string? UnprotectNullable(string? stored) => stored is null ? null : Unprotect(stored);
}
