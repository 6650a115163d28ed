using System.Net;
using System.Text.Json.Nodes;
using Vigil.Features.Projects;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Features.Errors.Issues;

/// <summary>Events become issues as Sentry groups them, end to end through ingest and the API.
/// Each test uses its own project so the issue counts are its own.</summary>
public sealed class GroupingTests(VigilServerFixture server) : IClassFixture<VigilServerFixture>
{
    [Fact]
    public async Task SameErrorFromTwoReleasesAndDifferentLinesIsOneIssue()
    {
        var issues = await SendAllAsync("Same error",
            Exception("PaymentDeclined", "card 1", lineno: 42, release: "shop@1.0.0"),
            Exception("PaymentDeclined", "card 2", lineno: 57, release: "shop@1.1.0"));
        var issue = Assert.Single(issues)!;
        Assert.Equal(2, issue["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task MessagesThatDifferOnlyInNumbersAreOneIssue()
    {
        var issues = await SendAllAsync("Messages", Message("User 123 not found"), Message("User 456 not found"));
        Assert.Equal(2, Assert.Single(issues)!["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task DifferentExceptionTypesAreTwoIssues()
    {
        var issues = await SendAllAsync("Types",
            Exception("NullReferenceException", "boom"),
            Exception("InvalidOperationException", "boom"));
        Assert.Equal(2, issues.Count);
    }

    private async Task<JsonArray> SendAllAsync(string projectName, params JsonObject[] events)
    {
        var (project, key) = await server.CreateProjectAsync(projectName);
        foreach (var ev in events)
        {
            await server.AcceptAsync(ev, key);
        }
        return await server.IssuesAsync(project.Slug);
    }
}
