using System.Net;
using System.Text;
using Vigil.Tests.Support;
using static Vigil.Tests.Support.SentryPayloads;

namespace Vigil.Tests.Features.Errors.Ingest;

/// <summary>A body over Ingest:MaxEnvelopeBytes is refused with 413 before it is parsed.</summary>
public sealed class SizeLimitTests(SizeLimitTests.SmallLimitServer server) : IClassFixture<SizeLimitTests.SmallLimitServer>
{
    public sealed class SmallLimitServer : VigilServerFixture
    {
        public const int Limit = 64 * 1024;
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Ingest:MaxEnvelopeBytes", Limit.ToString())];
    }

    [Fact]
    public async Task BodyOverTheEnvelopeLimitIsTooLarge()
    {
        var ev = Exception("Huge", "too big");
        ev["extra"] = new System.Text.Json.Nodes.JsonObject { ["blob"] = new string('x', SmallLimitServer.Limit) };
        using var response = await server.SendEventAsync(ev);
        await ProblemAssert.IsAsync(response, HttpStatusCode.RequestEntityTooLarge, "limit");
        await ProblemAssert.ServerIsHealthyAsync(server.Http);
    }

    [Fact]
    public async Task BodyUnderTheLimitIsAccepted()
    {
        var ev = Exception("Small", "fits");
        ev["extra"] = new System.Text.Json.Nodes.JsonObject { ["blob"] = new string('x', SmallLimitServer.Limit / 2) };
        await server.AcceptAsync(ev);
        Assert.True(Encoding.UTF8.GetByteCount(ev.ToJsonString()) < SmallLimitServer.Limit);
    }
}
