using System.Globalization;
using System.Text;
using Vigil.Protocols.StatsD;

namespace Vigil.Protocols.Tests.StatsD;

/// <summary>The hot loop's number reader must give exactly the double that double.TryParse gives, or refuse what it refuses.</summary>
public sealed class StatsdNumberTests
{
    [Theory]
    [InlineData("1"), InlineData("0"), InlineData("-0"), InlineData("+7"), InlineData("320"), InlineData("0.1"), InlineData("1.5"),
     InlineData(".5"), InlineData("5."), InlineData("-3.25"), InlineData("123456789012345"), InlineData("1234567890123456789"),
     InlineData("0.000000000000001"), InlineData("9007199254740993"), InlineData("1e3"), InlineData("1.5E-2"), InlineData(" 4 "),
     InlineData("NaN"), InlineData("Infinity"), InlineData("-Infinity"), InlineData(""), InlineData("."), InlineData("-"), InlineData("+"),
     InlineData("1.2.3"), InlineData("abc"), InlineData("1x"), InlineData("--1"), InlineData("0x10"), InlineData("1,5")]
    public void ReadsWhatDoubleTryParseReads(string text) => AssertAgrees(text);

    [Fact]
    public void EveryShortDecimalRoundsExactlyLikeDoubleTryParse()
    {
        var random = new Random(11);
        for (var i = 0; i < 200_000; i++)
        {
            var whole = random.NextInt64(0, 10_000_000);
            var fraction = random.Next(0, 8);
            var text = fraction == 0 ? whole.ToString(CultureInfo.InvariantCulture)
                : $"{whole / 100}.{random.NextInt64(0, (long)Math.Pow(10, fraction)).ToString(CultureInfo.InvariantCulture).PadLeft(fraction, '0')}";
            AssertAgrees(random.Next(4) == 0 ? "-" + text : text);
        }
    }

    private static void AssertAgrees(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var expectedOk = double.TryParse(bytes, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);
        var ok = StatsdNumber.TryParse(bytes, out var actual);
        Assert.Equal(expectedOk, ok);
        if (ok)
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }
}
