using Vigil.Protocols.Sentry;

namespace Vigil.Protocols.Tests.Sentry;

public sealed class EventGrouperTests
{
    private static GroupingResult Group(string json) => EventGrouper.Group(Fixtures.Normalize(json));

    private static string Exception(string type, string value, string function, int line, string release = "1.0") => $$$"""
        {"release":"{{{release}}}","platform":"csharp","exception":{"values":[{"type":"{{{type}}}","value":"{{{value}}}",
          "stacktrace":{"frames":[
            {"module":"System.Threading.Tasks.Task","function":"Run","lineno":10,"in_app":false},
            {"module":"Shop.Orders","function":"{{{function}}}","filename":"Orders.cs","lineno":{{{line}}},"in_app":true}]}}]}}
        """;

    [Fact]
    public void SameBugOnDifferentLinesAndReleasesIsOneIssue()
    {
        var a = Group(Exception("NullReferenceException", "x", "Load", 10, "1.0"));
        var b = Group(Exception("NullReferenceException", "y", "Load", 99, "2.0"));

        Assert.Equal(a.Hash, b.Hash);
        Assert.Equal("app", a.Variant);
        Assert.Matches("^[0-9a-f]{32}$", a.Hash);
    }

    [Fact]
    public void DifferentExceptionTypesAreDifferentIssues()
    {
        Assert.NotEqual(Group(Exception("NullReferenceException", "x", "Load", 10)).Hash,
            Group(Exception("InvalidOperationException", "x", "Load", 10)).Hash);
    }

    [Fact]
    public void SameTypeFromDifferentInAppFunctionsAreDifferentIssues()
    {
        Assert.NotEqual(Group(Exception("NullReferenceException", "x", "Load", 10)).Hash,
            Group(Exception("NullReferenceException", "x", "Save", 10)).Hash);
    }

    [Fact]
    public void RenumberedLambdasAndGenericArityGroupTogether()
    {
        Assert.Equal(Group(Exception("E", "x", "<Main>b__0_1", 1)).Hash, Group(Exception("E", "x", "<Main>b__3_0", 1)).Hash);
        Assert.Equal(Group(Exception("E", "x", "lambda$main$12", 1)).Hash, Group(Exception("E", "x", "lambda$main$3", 1)).Hash);
        Assert.Equal(Group(Exception("E", "x", "Cache`1.Get", 1)).Hash, Group(Exception("E", "x", "Cache`2.Get", 1)).Hash);
    }

    [Fact]
    public void WithoutInAppFramesAllFramesCount()
    {
        var result = Group("""{"exception":{"values":[{"type":"E","stacktrace":{"frames":[{"module":"lib","function":"f","in_app":false}]}}]}}""");

        Assert.Equal("system", result.Variant);
        Assert.Contains("frame:lib|f", result.Components);
    }

    [Fact]
    public void JavaScriptBundleHashesAndQueryStringsAreIgnored()
    {
        const string Template = """
            {"platform":"javascript","exception":{"values":[{"type":"TypeError","value":"x","stacktrace":{"frames":[
              {"filename":"https://cdn.example.com/assets/FILE","function":"render","lineno":LINE,"in_app":true}]}}]}}
            """;
        var a = Group(Template.Replace("FILE", "app.3f2a1c.js?v=1").Replace("LINE", "10"));
        var b = Group(Template.Replace("FILE", "app.9b8e7d.js?v=2").Replace("LINE", "12"));

        Assert.Equal(a.Hash, b.Hash);
        Assert.Contains("frame:app.js|render", a.Components);
    }

    [Fact]
    public void AnonymousFramesUseTheContextLine()
    {
        var result = Group("""{"exception":{"values":[{"type":"E","stacktrace":{"frames":[{"filename":"a.py","function":"?","context_line":"  x = 1 / 0  ","lineno":3,"in_app":true}]}}]}}""");

        Assert.Contains("frame:a.py|x = 1 / 0", result.Components);
    }

    [Fact]
    public void ExceptionWithoutFramesGroupsByTypeAndMessageTemplate()
    {
        var a = Group("""{"exception":{"values":[{"type":"KeyError","value":"user 123 not found"}]}}""");
        var b = Group("""{"exception":{"values":[{"type":"KeyError","value":"user 456 not found"}]}}""");
        var c = Group("""{"exception":{"values":[{"type":"KeyError","value":"order 456 not found"}]}}""");

        Assert.Equal("exception-message", a.Variant);
        Assert.Equal(a.Hash, b.Hash);
        Assert.NotEqual(a.Hash, c.Hash);
    }

    [Fact]
    public void MessagesGroupByTemplate()
    {
        var a = Group("""{"message":"User 123 not found"}""");
        var b = Group("""{"message":"User 456 not found"}""");
        var c = Group("""{"logentry":{"message":"User %s not found","params":["789"]}}""");

        Assert.Equal("message", a.Variant);
        Assert.Equal(a.Hash, b.Hash);
        Assert.NotEqual(a.Hash, c.Hash); // a template is its own identity: "%s" is not "<int>"
        Assert.NotEqual(a.Hash, Group("""{"message":"Payment 123 declined"}""").Hash);
    }

    [Fact]
    public void EmptyEventFallsBackToTheTitle()
    {
        Assert.Equal("fallback", Group("{}").Variant);
    }

    [Fact]
    public void FingerprintWithoutDefaultReplacesTheHash()
    {
        var a = Group("""{"fingerprint":["database-down"],"message":"a"}""");
        var b = Group("""{"fingerprint":["database-down"],"exception":{"values":[{"type":"E"}]}}""");

        Assert.Equal("custom", a.Variant);
        Assert.Equal(a.Hash, b.Hash);
    }

    [Fact]
    public void FingerprintWithDefaultRefinesTheDefaultGrouping()
    {
        var plain = Group(Exception("E", "x", "Load", 1));
        var refined = Group(Exception("E", "x", "Load", 1).Replace("\"release\"", "\"fingerprint\":[\"{{ default }}\",\"tenant-a\"],\"release\""));

        Assert.NotEqual(plain.Hash, refined.Hash);
        Assert.Equal("app", refined.Variant);
        Assert.Contains("fingerprint:tenant-a", refined.Components);
    }

    [Fact]
    public void NodeCaptureOfTheSameErrorGroupsByInAppFrames()
    {
        var result = EventGrouper.Group(Fixtures.Event("node-type-error.envelope"));

        Assert.Equal("app", result.Variant);
        Assert.Contains("frame:capture-node|loadOrder", result.Components);
        Assert.DoesNotContain(result.Components, c => c.Contains("task_queues"));
    }
}
