namespace Vigil.Tests.Support;

/// <summary>Where the repository's test clients live, found by walking up from the test assembly.</summary>
public static class RepoPaths
{
    public static string Clients { get; } = FindClients();

    private static string FindClients()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var clients = Path.Combine(dir.FullName, "tests", "clients");
            if (File.Exists(Path.Combine(clients, "package.json")))
                return clients;
        }
        throw new DirectoryNotFoundException("tests/clients not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A file the test script prepares (npm ci, the browser bundle); says how when it is missing.</summary>
    public static string ClientFile(string relativePath)
    {
        var path = Path.Combine(Clients, relativePath);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing: run ./scripts/test.sh (it runs npm ci and npm run build:browser in tests/clients).");
        return path;
    }
}
