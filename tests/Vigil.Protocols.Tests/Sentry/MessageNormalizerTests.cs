using Vigil.Protocols.Sentry;

namespace Vigil.Protocols.Tests.Sentry;

public sealed class MessageNormalizerTests
{
    [Theory]
    [InlineData("User 123 not found", "User <int> not found")]
    [InlineData("Mail to ada@example.com bounced", "Mail to <email> bounced")]
    [InlineData("GET https://api.example.com/v1/orders?id=9 failed", "GET <url> failed")]
    [InlineData("Cannot connect to 10.0.12.7", "Cannot connect to <ip>")]
    [InlineData("Cannot connect to fe80::1ff:fe23:4567:890a", "Cannot connect to <ip>")]
    [InlineData("Cannot connect to db1.prod.example.com", "Cannot connect to <host>")]
    [InlineData("Order 9ec79c33-ec99-42ab-8353-589fcb2e04dc missing", "Order <uuid> missing")]
    [InlineData("Commit 3f2a1c9b8d7e not found", "Commit <hash> not found")]
    [InlineData("Expired at 2024-03-01T10:15:00Z", "Expired at <date>")]
    [InlineData("Job ran at 10:15:00", "Job ran at <date>")]
    [InlineData("Query took 150ms", "Query took <duration>")]
    [InlineData("Timeout after 2.5s", "Timeout after <duration>")]
    [InlineData("Bad pointer 0x7ffd5a3c", "Bad pointer <hex>")]
    [InlineData("Ratio was 0.75", "Ratio was <float>")]
    [InlineData("Balance -42 below zero", "Balance <int> below zero")]
    [InlineData("Key 'user:17' is locked", "Key <quoted> is locked")]
    [InlineData("Field \"name\" is required", "Field <quoted> is required")]
    [InlineData("Flag enabled=true", "Flag enabled=<bool>")]
    [InlineData("It's not user2 fault", "It's not user2 fault")]
    [InlineData("std::vector overflow", "std::vector overflow")]
    public void VariablePartsBecomePlaceholders(string message, string expected)
    {
        Assert.Equal(expected, MessageNormalizer.Normalize(message));
    }

    [Fact]
    public void OnlyTheFirstTwoNonEmptyLinesCount()
    {
        Assert.Equal("first\nsecond", MessageNormalizer.Normalize("\n  first  \n\n second\nthird 42"));
    }

    [Fact]
    public void DifferentIdsGiveTheSameTemplateAndDifferentWordsDoNot()
    {
        Assert.Equal(MessageNormalizer.Normalize("User 123 not found"), MessageNormalizer.Normalize("User 456 not found"));
        Assert.NotEqual(MessageNormalizer.Normalize("User 123 not found"), MessageNormalizer.Normalize("Order 123 not found"));
    }
}
