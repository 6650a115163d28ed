using System.Text.Json.Nodes;
using Vigil.Protocols.Logs;

namespace Vigil.Protocols.Tests.Logs;

public sealed class MessageTemplateRendererTests
{
    private static readonly JsonObject Properties = JsonNode.Parse("""{"Name":"Ada","N":42,"Pi":3.14159,"Ok":true,"Tags":["a","b"],"User":{"Id":1}}""")!.AsObject();

    [Theory]
    [InlineData("Hello {Name}", "Hello \"Ada\"")]
    [InlineData("Hello {Name:l}", "Hello Ada")]
    [InlineData("{@User} and {$Name}", "{ Id: 1 } and \"Ada\"")]
    [InlineData("{N:x8}", "0000002a")]
    [InlineData("{Pi:0.00}", "3.14")]
    [InlineData("[{N,5}] [{N,-5}]", "[   42] [42   ]")]
    [InlineData("{{literal}} {N}", "{literal} 42")]
    [InlineData("{Missing} stays", "{Missing} stays")]
    [InlineData("{Tags} {Ok}", "[\"a\", \"b\"] true")]
    [InlineData("unclosed {N", "unclosed {N")]
    [InlineData("{Pi:x8}", "3.14159")]
    public void SerilogStyleRendersEachTokenForm(string template, string expected) =>
        Assert.Equal(expected, MessageTemplateRenderer.Render(template, Properties));

    [Theory]
    [InlineData("Hello {Name}", "Hello Ada")]
    [InlineData("Tags {Tags}", "Tags a, b")]
    [InlineData("{User}", "{\"Id\":1}")]
    public void ExtensionsLoggingStyleLeavesStringsBare(string template, string expected) =>
        Assert.Equal(expected, MessageTemplateRenderer.Render(template, Properties, quoteStrings: false));
}
