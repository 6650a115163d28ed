using Vigil.Features.Projects;

namespace Vigil.Tests.Features.Projects;

public sealed class DsnTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://abc@127.0.0.1:5080/7")]
    [InlineData("https://vigil.example.com/", "https://abc@vigil.example.com/7")]
    [InlineData("https://example.com/vigil", "https://abc@example.com/vigil/7")]
    public void ADsnHoldsTheKeyHostPathAndProjectId(string publicUrl, string expected) =>
        Assert.Equal(expected, Dsn.Build(publicUrl, "abc", 7));

    [Theory]
    [InlineData("My Shop API", "my-shop-api")]
    [InlineData("  --Billing!! ", "billing")]
    [InlineData("日本", "project")]
    public void SlugsAreLowercaseWordsJoinedByDashes(string name, string slug) =>
        Assert.Equal(slug, Slug.From(name));
}
