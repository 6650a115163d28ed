using Vigil.Features.Metrics.Sketches;

namespace Vigil.Tests.Features.Metrics.Sketches;

public sealed class HyperLogLogTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(1_000)]
    [InlineData(100_000)]
    public void TheEstimateIsWithinThreeStandardErrors(int distinct)
    {
        var sketch = new HyperLogLog();
        for (var i = 0; i < distinct; i++)
        {
            sketch.Add("user-" + i);
            sketch.Add("user-" + i); // repeats do not count twice
        }
        Assert.InRange(sketch.Estimate(), distinct * (1 - 3 * 0.0081), distinct * (1 + 3 * 0.0081) + 1);
    }

    [Fact]
    public void MergingCountsTheUnion()
    {
        var left = new HyperLogLog();
        var right = new HyperLogLog();
        for (var i = 0; i < 30_000; i++)
            left.Add("m" + i);
        for (var i = 20_000; i < 50_000; i++)
            right.Add("m" + i);
        left.Merge(right);
        Assert.InRange(left.Estimate(), 50_000 * 0.975, 50_000 * 1.025);
    }

    [Fact]
    public void ASketchSurvivesItsBytes()
    {
        var sketch = new HyperLogLog();
        for (var i = 0; i < 500; i++)
            sketch.Add(i.ToString());
        Assert.Equal(sketch.Estimate(), HyperLogLog.FromBytes(sketch.ToBytes())!.Estimate());
        Assert.Null(HyperLogLog.FromBytes([1, 2, 3]));
    }

    [Fact]
    public void AnEmptySketchCountsZero() => Assert.Equal(0, new HyperLogLog().Estimate());
}
