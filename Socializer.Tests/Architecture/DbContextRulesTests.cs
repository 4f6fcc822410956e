using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Data;
using Socializer.Tests.Support;

namespace Socializer.Tests.Architecture;

/// <summary>
/// The rule that makes this product what it is: one DbContext per operation, from IDbContextFactory.
/// Only ASP.NET Identity's stores may take the request-scoped context.
/// </summary>
public sealed partial class DbContextRulesTests(SocializerAppFactory app) : IClassFixture<SocializerAppFactory>
{
    private static readonly Assembly[] AppAssemblies = [typeof(AppDbContext).Assembly, typeof(Program).Assembly];

    private static bool Mentions(Type type) => type == typeof(AppDbContext) || type.IsSubclassOf(typeof(AppDbContext));

    [Fact]
    public void No_app_type_takes_or_keeps_an_AppDbContext()
    {
        var offenders = new List<string>();
        foreach (var type in AppAssemblies.SelectMany(a => a.GetTypes()))
        {
            if (Mentions(type) || type.Namespace?.Contains(".Migrations", StringComparison.Ordinal) == true) continue;
            const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

            if (type.GetConstructors(all).SelectMany(c => c.GetParameters()).Any(p => Mentions(p.ParameterType)))
                offenders.Add($"{type.FullName}: constructor takes AppDbContext");
            // Compiler-generated fields of a method's own `await using var db` live in state-machine types; skip those.
            if (!type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)) &&
                type.GetFields(all).Any(f => Mentions(f.FieldType)))
                offenders.Add($"{type.FullName}: field of type AppDbContext");
            if (type.GetProperties(all).Any(p => Mentions(p.PropertyType) && p.IsDefined(typeof(InjectAttribute))))
                offenders.Add($"{type.FullName}: [Inject] AppDbContext");
        }
        Assert.Empty(offenders);
    }

    [Fact]
    public void No_singleton_service_depends_on_the_scoped_context()
    {
        var services = app.Services.GetRequiredService<IServiceProviderIsService>(); // forces the host to build
        Assert.NotNull(services);
        var descriptors = app.Services.GetRequiredService<ServiceDescriptorsProbe>().Descriptors;

        var offenders = descriptors
            .Where(d => d.Lifetime == ServiceLifetime.Singleton && d.ImplementationType is not null)
            .Where(d => d.ImplementationType!.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => Mentions(p.ParameterType)))
            .Select(d => d.ImplementationType!.FullName)
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void The_context_reaches_app_code_only_through_the_factory()
    {
        var offenders = SourceFiles.App()
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => InjectedContext().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(SourceFiles.RepositoryRoot, x.file)}:{x.number}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void The_factory_hands_out_a_new_context_each_time()
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        using var a = factory.CreateDbContext();
        using var b = factory.CreateDbContext();
        Assert.NotSame(a, b);
    }

    [GeneratedRegex(@"@inject\s+(Socializer\.Core\.Data\.)?AppDbContext\b|\[Inject\][^;]*\bAppDbContext\b|new\s+AppDbContext\s*\(|GetRequiredService<AppDbContext>|GetService<AppDbContext>")]
    private static partial Regex InjectedContext();
}
