using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Socializer.Core.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>
    /// Data Protection keys persisted beside the database, so a restart still reads cookies and encrypted data.
    /// (Several instances must share this folder, or another key store.)
    /// </summary>
    public static IServiceCollection AddSocializerPrivacy(this IServiceCollection services, string keysDirectory)
    {
        Directory.CreateDirectory(keysDirectory);
        services.AddDataProtection()
            .SetApplicationName("Socializer")
            .PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));
        services.AddSingleton<PersonalDataProtector>();
        return services;
    }
}
