using Vigil.Protocols.Logs;

namespace Vigil.Protocols.Tests.Logs;

public sealed class LogLevelsTests
{
    [Theory]
    [InlineData(0, LogLevel.Information)]
    [InlineData(1, LogLevel.Trace)]
    [InlineData(4, LogLevel.Trace)]
    [InlineData(5, LogLevel.Debug)]
    [InlineData(9, LogLevel.Information)]
    [InlineData(12, LogLevel.Information)]
    [InlineData(13, LogLevel.Warning)]
    [InlineData(17, LogLevel.Error)]
    [InlineData(20, LogLevel.Error)]
    [InlineData(21, LogLevel.Fatal)]
    [InlineData(24, LogLevel.Fatal)]
    public void OtlpSeverityNumbersMapInFours(int number, LogLevel expected) =>
        Assert.Equal(expected, LogLevels.FromOtlpSeverity(number));

    [Theory]
    [InlineData("Verbose", LogLevel.Trace)]
    [InlineData("TRC", LogLevel.Trace)]
    [InlineData("dbg", LogLevel.Debug)]
    [InlineData("Information", LogLevel.Information)]
    [InlineData("INF", LogLevel.Information)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("eror", LogLevel.Error)]
    [InlineData("Critical", LogLevel.Fatal)]
    [InlineData("panic", LogLevel.Fatal)]
    [InlineData("emergency", LogLevel.Fatal)]
    [InlineData("alert", LogLevel.Fatal)]
    [InlineData("bogus", null)]
    [InlineData(null, null)]
    public void NamesMapCaseInsensitively(string? name, LogLevel? expected) =>
        Assert.Equal(expected, LogLevels.FromName(name));

    [Theory]
    [InlineData(10, LogLevel.Trace)]
    [InlineData(20, LogLevel.Debug)]
    [InlineData(30, LogLevel.Information)]
    [InlineData(40, LogLevel.Warning)]
    [InlineData(50, LogLevel.Error)]
    [InlineData(60, LogLevel.Fatal)]
    [InlineData(3, LogLevel.Warning)]
    public void NumbersFollowPinoFromTenAndSerilogBelow(double number, LogLevel expected) =>
        Assert.Equal(expected, LogLevels.FromNumber(number));

    [Theory]
    [InlineData(0, LogLevel.Fatal)]
    [InlineData(2, LogLevel.Fatal)]
    [InlineData(3, LogLevel.Error)]
    [InlineData(4, LogLevel.Warning)]
    [InlineData(5, LogLevel.Information)]
    [InlineData(6, LogLevel.Information)]
    [InlineData(7, LogLevel.Debug)]
    public void SyslogSeveritiesMapAsDocumented(int severity, LogLevel expected) =>
        Assert.Equal(expected, LogLevels.FromSyslogSeverity(severity));

    [Fact]
    public void NamesAreTheShortStoredForms() =>
        Assert.Equal(["trace", "debug", "info", "warning", "error", "fatal"], Enum.GetValues<LogLevel>().Select(LogLevels.Name));
}
