using Microsoft.Extensions.DependencyInjection;

namespace Socializer.Tests.Support;

/// <summary>Exposes the app's service registrations to architecture tests.</summary>
public sealed class ServiceDescriptorsProbe(IServiceCollection services)
{
    public IReadOnlyList<ServiceDescriptor> Descriptors => [.. services];
}
