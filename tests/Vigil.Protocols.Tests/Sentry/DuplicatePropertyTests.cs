using System.Text;
using Vigil.Protocols.Sentry;

namespace Vigil.Protocols.Tests.Sentry;

public sealed class DuplicatePropertyTests
{
    [Theory]
    [InlineData("""{"message":"a","message":"b"}""")]
    [InlineData("""{"extra":{"k":1,"k":2}}""")]
    public void AnEventThatRepeatsAPropertyNameIsRefusedWithItsPath(string json)
    {
        var result = EventNormalizer.Normalize(Encoding.UTF8.GetBytes(json), new EventNormalizeOptions());
        Assert.Null(result.Event);
        Assert.Contains("repeats a property name", result.Error!.Message);
    }
}
