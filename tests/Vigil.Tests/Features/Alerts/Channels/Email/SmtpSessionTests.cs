using Vigil.Features.Alerts.Channels.Email;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Alerts.Channels.Email;

/// <summary>Vigil's SMTP client against a real server (npm smtp-server) in each mode it supports: implicit
/// TLS and STARTTLS, AUTH PLAIN and LOGIN picked from EHLO, dot-stuffed DATA, and failures that name the
/// reply code and never the password.</summary>
public sealed class SmtpSessionTests
{
    private const string User = "vigil-mailer";
    private const string Password = "smtp-s3cret-Pa55";

    private static SmtpSettings Settings(SmtpReceiver receiver, SmtpSecurity security, string password = Password, bool allowInvalid = true) =>
        new("127.0.0.1", receiver.Port, security, User, password, allowInvalid);

    [Fact]
    public async Task ImplicitTlsWithAuthPlainDeliversTheMessageWithDotsIntact()
    {
        await using var receiver = await SmtpReceiver.StartAsync(User, Password, new(ImplicitTls: true, AuthMethods: ["PLAIN"]));
        const string message = "Subject: dots\r\n\r\n.a line that starts with a dot\r\n.\r\n..two dots\r\nlast line";

        await SmtpSession.SendAsync(Settings(receiver, SmtpSecurity.ImplicitTls), "vigil@example.com", ["oncall@example.com", "lead@example.com"], message, CancellationToken.None);

        var mail = Assert.Single(receiver.Messages);
        Assert.True(mail["secure"]!.GetValue<bool>());
        Assert.Equal("PLAIN", mail["authMethod"]!.GetValue<string>());
        Assert.Equal(User, mail["user"]!.GetValue<string>());
        Assert.Equal("vigil@example.com", mail["from"]!.GetValue<string>());
        Assert.Equal(["oncall@example.com", "lead@example.com"], mail["to"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(message + "\r\n", mail["raw"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(new[] { "PLAIN", "LOGIN" }, "PLAIN")]
    [InlineData(new[] { "LOGIN" }, "LOGIN")]
    [InlineData(new[] { "LOGIN", "PLAIN" }, "PLAIN")]
    public async Task StarttlsAuthenticatesWithPlainWhenOfferedAndLoginOtherwise(string[] offered, string used)
    {
        await using var receiver = await SmtpReceiver.StartAsync(User, Password, new(AuthMethods: offered));

        await SmtpSession.SendAsync(Settings(receiver, SmtpSecurity.StartTls), "vigil@example.com", ["oncall@example.com"], "Subject: hi\r\n\r\nbody", CancellationToken.None);

        var mail = Assert.Single(receiver.Messages);
        Assert.True(mail["secure"]!.GetValue<bool>(), "the session was not upgraded with STARTTLS");
        Assert.Equal(used, mail["authMethod"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(SmtpSecurity.ImplicitTls, "PLAIN")]
    [InlineData(SmtpSecurity.StartTls, "LOGIN")]
    public async Task AWrongPasswordFailsPermanentlyNamingTheCodeAndStepButNotThePassword(SmtpSecurity security, string mechanism)
    {
        await using var receiver = await SmtpReceiver.StartAsync(User, Password, new(ImplicitTls: security == SmtpSecurity.ImplicitTls, AuthMethods: [mechanism]));
        const string wrong = "not-the-Pa55word";

        var failure = await Assert.ThrowsAsync<SmtpFailure>(() =>
            SmtpSession.SendAsync(Settings(receiver, security, wrong), "vigil@example.com", ["oncall@example.com"], "x", CancellationToken.None));

        Assert.Equal(535, failure.Code);
        Assert.False(failure.IsTransient);
        Assert.StartsWith($"SMTP 535 in reply to AUTH {mechanism}", failure.Message);
        Assert.DoesNotContain(wrong, failure.Message);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(wrong)), failure.Message);
        Assert.Empty(receiver.Messages);
    }

    [Fact]
    public async Task ARefusedRecipientIsReturnedAndTheOthersStillGetTheMessage()
    {
        await using var receiver = await SmtpReceiver.StartAsync(User, Password, new(ImplicitTls: true));

        var refused = await SmtpSession.SendAsync(Settings(receiver, SmtpSecurity.ImplicitTls), "vigil@example.com",
            ["oncall@example.com", "reject@example.com", "lead@example.com"], "Subject: hi\r\n\r\nbody", CancellationToken.None);

        Assert.Equal([new SmtpRefusal("reject@example.com", 550)], refused);
        var mail = Assert.Single(receiver.Messages);
        Assert.Equal(["oncall@example.com", "lead@example.com"], mail["to"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task EveryRecipientRefusedFailsPermanentlyNamingTheCodeTheStepAndTheAddresses()
    {
        await using var receiver = await SmtpReceiver.StartAsync(User, Password, new(ImplicitTls: true));

        var failure = await Assert.ThrowsAsync<SmtpFailure>(() => SmtpSession.SendAsync(Settings(receiver, SmtpSecurity.ImplicitTls),
            "vigil@example.com", ["reject@example.com", "reject@example.org"], "x", CancellationToken.None));

        Assert.Equal("SMTP 550 in reply to RCPT TO: the server refused every recipient: reject@example.com (SMTP 550), reject@example.org (SMTP 550)", failure.Message);
        Assert.Equal(550, failure.Code);
        Assert.False(failure.IsTransient);
        Assert.Empty(receiver.Messages);
    }

    [Fact]
    public async Task EveryRecipientRefusedIsTransientWhenOneRefusalWasTemporary()
    {
        await using var receiver = await SmtpReceiver.StartAsync(User, Password, new(ImplicitTls: true));

        var failure = await Assert.ThrowsAsync<SmtpFailure>(() => SmtpSession.SendAsync(Settings(receiver, SmtpSecurity.ImplicitTls),
            "vigil@example.com", ["reject@example.com", "softfail-once@example.com"], "x", CancellationToken.None));

        Assert.Equal(451, failure.Code);
        Assert.True(failure.IsTransient);
        Assert.Contains("reject@example.com (SMTP 550), softfail-once@example.com (SMTP 451)", failure.Message);
        Assert.Empty(receiver.Messages);
    }

    [Fact]
    public async Task StarttlsIsRequiredWhenAskedForAndTheServerDoesNotOfferIt()
    {
        await using var receiver = await SmtpReceiver.StartAsync(User, Password, new(HideStarttls: true));

        var failure = await Assert.ThrowsAsync<SmtpFailure>(() =>
            SmtpSession.SendAsync(Settings(receiver, SmtpSecurity.StartTls), "vigil@example.com", ["oncall@example.com"], "x", CancellationToken.None));

        Assert.Contains("does not offer STARTTLS", failure.Message);
        Assert.Empty(receiver.Messages);
    }

    [Theory]
    [InlineData(SmtpSecurity.ImplicitTls)]
    [InlineData(SmtpSecurity.StartTls)]
    public async Task AnUntrustedCertificateIsRefusedBeforeAnyCredentialIsSentUnlessAllowed(SmtpSecurity security)
    {
        await using var receiver = await SmtpReceiver.StartAsync(User, Password, new(ImplicitTls: security == SmtpSecurity.ImplicitTls));

        var failure = await Assert.ThrowsAsync<SmtpFailure>(() =>
            SmtpSession.SendAsync(Settings(receiver, security, allowInvalid: false), "vigil@example.com", ["oncall@example.com"], "x", CancellationToken.None));
        Assert.Contains("certificate is not trusted", failure.Message);
        Assert.False(failure.IsTransient);
        Assert.Empty(receiver.Messages);

        await SmtpSession.SendAsync(Settings(receiver, security), "vigil@example.com", ["oncall@example.com"], "x", CancellationToken.None);
        Assert.Single(receiver.Messages);
    }
}
