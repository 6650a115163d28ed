using System.Net;
using System.Text.Json.Nodes;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Features.Errors.Ingest;

/// <summary>Secrets are scrubbed before they are stored, unless a project turns scrubbing off.</summary>
public sealed class PiiScrubbingTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task PasswordInExtraAndAuthorizationHeaderAreFilteredByDefault()
    {
        var stored = await SendAndReadBackAsync(server.DefaultKey, server.DefaultProject.Slug, "ScrubbedByDefault");
        Assert.Equal("[Filtered]", stored["extra"]!["password"]!.GetValue<string>());
        Assert.Equal("[Filtered]", AuthorizationHeader(stored));
        Assert.Equal("kept", stored["extra"]!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProjectWithScrubbingOffKeepsThem()
    {
        var (project, key) = await server.CreateProjectAsync("Unscrubbed");
        await server.Service<ProjectStore>().UpdateSettingsAsync(project.Id, project.Settings with { ScrubPii = false });
        var stored = await SendAndReadBackAsync(key, project.Slug, "NotScrubbed");
        Assert.Equal("hunter2", stored["extra"]!["password"]!.GetValue<string>());
        Assert.Equal("Bearer abc.def", AuthorizationHeader(stored));
    }

    private async Task<JsonObject> SendAndReadBackAsync(ProjectKey key, string slug, string type)
    {
        var ev = Exception(type, "has secrets");
        ev["extra"] = new JsonObject { ["password"] = "hunter2", ["note"] = "kept" };
        ev["request"] = new JsonObject
        {
            ["method"] = "GET",
            ["url"] = "https://shop.example/orders",
            ["headers"] = new JsonObject { ["Authorization"] = "Bearer abc.def", ["Accept"] = "text/html" },
        };
        await server.AcceptAsync(ev, key);
        var issue = (await server.IssuesAsync(slug)).Single(i => i!["title"]!.GetValue<string>().StartsWith(type))!;
        return await server.LatestEventAsync(issue["id"]!.GetValue<long>());
    }

    // Headers may be stored as an object or as [name, value] pairs; accept either.
    private static string? AuthorizationHeader(JsonObject stored)
    {
        var headers = stored["request"]!["headers"]!;
        if (headers is JsonObject map)
            return map["Authorization"]?.GetValue<string>();
        return headers.AsArray().Select(pair => pair!.AsArray())
            .Where(pair => pair[0]!.GetValue<string>() == "Authorization")
            .Select(pair => pair[1]!.GetValue<string>()).SingleOrDefault();
    }
}
