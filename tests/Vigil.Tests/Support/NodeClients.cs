using System.Diagnostics;

namespace Vigil.Tests.Support;

/// <summary>Runs the real Sentry SDK scripts in tests/clients with node, installing their npm
/// packages once if node_modules is missing.</summary>
public static class NodeClients
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string Directory { get; } = FindClientsDirectory();

    /// <summary>Runs <paramref name="script"/> and returns its standard output; fails the test with the
    /// script's stderr when it exits non-zero.</summary>
    public static async Task<string> RunAsync(string script, params string[] arguments)
    {
        await EnsureInstalledAsync();
        var (code, output, error) = await ExecAsync("node", [script, .. arguments], TimeSpan.FromSeconds(60));
        if (code != 0)
            throw new InvalidOperationException($"node {script} exited {code}: {error}{output}");
        return output;
    }

    /// <summary>Runs `npm install` once when a dependency of tests/clients/package.json (or
    /// <paramref name="package"/>) is missing from node_modules.</summary>
    public static async Task EnsureInstalledAsync(string? package = null)
    {
        await InstallLock.WaitAsync();
        try
        {
            if (Dependencies().Append(package ?? "@sentry/node").All(name => System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", name))))
                return;
            var (code, output, error) = await ExecAsync("npm", ["install", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            if (code != 0)
                throw new InvalidOperationException($"tests/clients needs its npm packages and `npm install` failed ({code}): {error}{output}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static IEnumerable<string> Dependencies()
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "package.json")));
        return manifest.RootElement.TryGetProperty("dependencies", out var dependencies)
            ? dependencies.EnumerateObject().Select(d => d.Name).ToList()
            : [];
    }

    private static async Task<(int Code, string Output, string Error)> ExecAsync(string file, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }
        return (process.ExitCode, await output, await error);
    }

    private static string FindClientsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "clients");
            if (File.Exists(Path.Combine(candidate, "package.json")))
                return candidate;
        }
        throw new DirectoryNotFoundException("tests/clients (with package.json) was not found above " + AppContext.BaseDirectory);
    }
}
