using Vigil.Features.Logs.Blocks.Evaluation;

namespace Vigil.Tests.Features.Logs.Blocks.Evaluation;

public sealed class LowerCaseTests
{
    [Theory]
    [InlineData("Straße")]
    [InlineData("ÉCOLE İstanbul ΣΑΣ")]
    [InlineData("\u212Aelvin")] // the Kelvin sign lowers to k
    [InlineData("𐐀𐐨")] // Deseret: a letter outside the BMP, with case
    [InlineData("lone \ud800 surrogate")]
    public void FoldingAsItReadsAgreesWithToLowerInvariant(string text)
    {
        Assert.True(LowerCase.Equal(text, text.ToLowerInvariant()));
        Assert.Equal(0, LowerCase.Compare(text.ToUpperInvariant(), text.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("abc", "abd", -1)]
    [InlineData("ABD", "abc", 1)]
    [InlineData("ab", "abc", -1)]
    [InlineData("abc", "ab", 1)]
    [InlineData("_", "a", -1)] // lowered first, so '_' (0x5F) sorts before letters, as in SQLite's NOCASE
    [InlineData("\uffff", "𐐨", -1)] // by code point (UTF-8 order), not by UTF-16 unit
    public void ComparisonIsByLoweredCodePoint(string text, string lowered, int sign) =>
        Assert.Equal(sign, LowerCase.Compare(text, lowered));
}
