using Vigil.Features.Metrics.Sketches;

namespace Vigil.Tests.Features.Metrics.Sketches;

public sealed class DDSketchTests
{
    private static double Exact(List<double> sorted, double q) => sorted[(int)Math.Floor(q * (sorted.Count - 1))];

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    [InlineData(0.999)]
    public void QuantilesOfAHeavyTailAreWithinTheRelativeAccuracy(double q)
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 50_000).Select(_ => Math.Exp(random.NextDouble() * 12)).ToList();
        var sketch = new DDSketch(0.01);
        values.ForEach(v => sketch.Add(v));
        values.Sort();
        var exact = Exact(values, q);
        Assert.InRange(sketch.Quantile(q), exact * 0.99, exact * 1.01);
    }

    [Fact]
    public void MergingTwoSketchesEqualsOneSketchOfEverything()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 20_000).Select(_ => random.NextDouble() * 1000 - 100).ToList();
        var whole = new DDSketch();
        var left = new DDSketch();
        var right = new DDSketch();
        for (var i = 0; i < values.Count; i++)
        {
            whole.Add(values[i]);
            (i % 2 == 0 ? left : right).Add(values[i]);
        }
        left.Merge(right);
        Assert.Equal(whole.Count, left.Count);
        Assert.Equal(whole.Sum, left.Sum, 6);
        foreach (var q in new[] { 0.01, 0.25, 0.5, 0.75, 0.99 })
            Assert.Equal(whole.Quantile(q), left.Quantile(q));
    }

    [Fact]
    public void NegativeZeroAndPositiveValuesKeepTheirOrder()
    {
        var sketch = new DDSketch();
        foreach (var v in new[] { -50.0, -1, 0, 0, 1, 50 })
            sketch.Add(v);
        Assert.Equal(-50, sketch.Quantile(0), 0);
        Assert.Equal(0, sketch.Quantile(0.5));
        Assert.Equal(50, sketch.Quantile(1), 0);
        Assert.Equal(2, sketch.ZeroCount);
    }

    [Fact]
    public void AnEmptySketchHasNoQuantile() => Assert.True(double.IsNaN(new DDSketch().Quantile(0.5)));

    [Fact]
    public void ASketchSurvivesSerialization()
    {
        var sketch = new DDSketch();
        for (var i = 1; i <= 1000; i++)
            sketch.Add(i * 1.5);
        sketch.Add(-3);
        var copy = DDSketchSerializer.Read(DDSketchSerializer.Write(sketch))!;
        Assert.Equal(sketch.Count, copy.Count);
        Assert.Equal(sketch.Max, copy.Max);
        Assert.Equal(sketch.Quantile(0.95), copy.Quantile(0.95));
        Assert.Equal(sketch.Quantile(0), copy.Quantile(0));
    }

    [Fact]
    public void BytesThatAreNotASketchReadAsNull() => Assert.Null(DDSketchSerializer.Read([1, 2, 3]));

    [Fact]
    public void NonFiniteValuesAreIgnored()
    {
        var sketch = new DDSketch();
        sketch.Add(double.NaN);
        sketch.Add(double.PositiveInfinity);
        Assert.Equal(0, sketch.Count);
    }
}
