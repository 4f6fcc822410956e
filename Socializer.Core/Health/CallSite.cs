using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Socializer.Core.Health;

/// <summary>Where app code asked for a context: the first stack frame outside EF, the framework and the tracker.</summary>
public sealed record CallSite(string Member, string? File, int Line)
{
    public static readonly CallSite NotSampled = new("(call site not sampled)", null, 0);

    public string FileName => File is null ? "" : Path.GetFileName(File);

    public override string ToString() => File is null ? Member : $"{FileName}:{Line} ({Member})";

    /// <summary>Walks the current stack; <paramref name="infrastructure"/> are the tracker's own types to skip.</summary>
    public static CallSite Capture(IReadOnlySet<Type> infrastructure)
    {
        var trace = new StackTrace(1, fNeedFileInfo: true);
        foreach (var frame in trace.GetFrames())
        {
            var method = frame.GetMethod();
            var type = method?.DeclaringType;
            if (type is null) continue;
            var outer = Outermost(type);
            if (IsFramework(outer) || infrastructure.Contains(outer)) continue;
            return new CallSite($"{outer.Name}.{MemberName(method!, type)}", frame.GetFileName(), frame.GetFileLineNumber());
        }
        return new CallSite("(framework code only)", null, 0);
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static bool IsFramework(Type type) =>
        type.Namespace is { } ns && (ns.StartsWith("System", StringComparison.Ordinal) || ns.StartsWith("Microsoft", StringComparison.Ordinal));

    /// <summary>Async methods and lambdas run in compiler-generated types named like &lt;PostAsync&gt;d__4.</summary>
    private static string MemberName(System.Reflection.MethodBase method, Type type)
    {
        var generated = type.IsDefined(typeof(CompilerGeneratedAttribute), false) ? type.Name : method.Name;
        var start = generated.IndexOf('<', StringComparison.Ordinal);
        var end = generated.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start + 1 ? generated[(start + 1)..end] : method.Name;
    }
}
