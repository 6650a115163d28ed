using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Features.Alerts.Channels;

/// <summary>The channel contract over a real SMTP server with STARTTLS and AUTH: an SMTP 451 is the
/// transient failure, 550 the permanent one.</summary>
public sealed class EmailChannelTests(AlertsServer server) : ChannelContract(server), IAsyncLifetime
{
    private const string User = "vigil-mailer";
    private const string Password = "smtp-pa55word-correct";

    private SmtpReceiver _smtp = null!;

    protected override string Kind => "email";
    protected override string Secret => Password;

    protected override Task<JsonObject> ReceiverAsync(Behaviour behaviour) => Task.FromResult(Options(behaviour switch
    {
        Behaviour.Reject => "reject@example.com",
        Behaviour.FailOnceThenAccept => "softfail-once@example.com",
        _ => "oncall@example.com",
    }));

    protected override Task<int> AcceptedAsync() => Task.FromResult(_smtp.Messages.Count);

    private JsonObject Options(params string[] to) => new()
    {
        ["host"] = "127.0.0.1",
        ["port"] = _smtp.Port,
        ["from"] = "vigil@example.com",
        ["to"] = new JsonArray(to.Select(t => (JsonNode)t).ToArray()),
        ["username"] = User,
        ["password"] = Password,
        ["starttls"] = true,
        ["allowInvalidCertificate"] = true,
    };

    [Fact]
    public async Task TheMailArrivesOverStarttlsWithAuthSubjectRecipientsAndLinks()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options("oncall@example.com", "lead@example.com"));
        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));
        Assert.Equal("delivered", delivery["state"]!.GetValue<string>());
        var mail = Assert.Single(_smtp.Messages);
        Assert.True(mail["secure"]!.GetValue<bool>(), "the session was not upgraded with STARTTLS");
        Assert.Equal(User, mail["user"]!.GetValue<string>());
        Assert.Equal(["oncall@example.com", "lead@example.com"], mail["to"]!.AsArray().Select(t => t!.GetValue<string>()));
        var raw = mail["raw"]!.GetValue<string>();
        Assert.Contains("Subject: [TEST] Test notification for channel", raw);
        Assert.Contains("text/html", raw);
        var bodies = MimeText.Decode(raw);
        Assert.Contains($"/projects/{Server.DefaultProject.Slug}/channels", bodies);
        Assert.Contains("Vigil test alert", bodies);
        Assert.Contains("<h3", bodies);
    }

    [Fact]
    public async Task ASelfSignedCertificateIsRefusedUnlessAllowed()
    {
        var options = Options("oncall@example.com");
        options["allowInvalidCertificate"] = false;
        var channel = await Server.CreateChannelAsync(Kind, options);
        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));
        Assert.Equal("failed", delivery["state"]!.GetValue<string>());
        Assert.Contains("certificate", delivery["lastError"]!.GetValue<string>());
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task AnImplicitTlsRelayGetsTheMailWithAuthPlain()
    {
        await using var smtps = await SmtpReceiver.StartAsync(User, Password, new(ImplicitTls: true, AuthMethods: ["PLAIN"]));
        var options = Options("oncall@example.com");
        options["port"] = smtps.Port;
        options["implicitTls"] = true;
        var channel = await Server.CreateChannelAsync(Kind, options);

        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));

        Assert.Equal("delivered", delivery["state"]!.GetValue<string>());
        var mail = Assert.Single(smtps.Messages);
        Assert.True(mail["secure"]!.GetValue<bool>());
        Assert.Equal("PLAIN", mail["authMethod"]!.GetValue<string>());
        Assert.Contains("Vigil test alert", MimeText.Decode(mail["raw"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AWrongPasswordFailsWithTheReplyCodeAndWithoutThePassword()
    {
        var options = Options("oncall@example.com");
        options["password"] = "wrong-Pa55-for-test";
        var channel = await Server.CreateChannelAsync(Kind, options);

        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));

        Assert.Equal("failed", delivery["state"]!.GetValue<string>());
        Assert.Equal(1, delivery["attempts"]!.GetValue<long>());
        Assert.StartsWith("SMTP 535 in reply to AUTH PLAIN", delivery["lastError"]!.GetValue<string>());
        Assert.DoesNotContain("wrong-Pa55-for-test", delivery.ToJsonString() + Server.Logs.Text);
    }

    [Fact]
    public async Task ARefusedRecipientIsReportedOnTheDeliveryAndTheOthersGetTheAlert()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options("oncall@example.com", "reject@example.com", "lead@example.com"));

        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));

        Assert.Equal("delivered", delivery["state"]!.GetValue<string>());
        Assert.Equal(1, delivery["attempts"]!.GetValue<long>());
        const string report = "delivered to 2 of 3 recipients; the server refused reject@example.com (SMTP 550)";
        Assert.Equal(report, delivery["lastError"]!.GetValue<string>());
        Assert.Contains(report, Server.Logs.Text);
        Assert.DoesNotContain(Password, delivery.ToJsonString() + Server.Logs.Text);
        var mail = Assert.Single(_smtp.Messages);
        Assert.Equal(["oncall@example.com", "lead@example.com"], mail["to"]!.AsArray().Select(t => t!.GetValue<string>()));
        // The channels page does not call it plainly delivered.
        using var page = await PageSession.SignInAsync(Server);
        var html = await (await page.GetAsync($"/projects/{Server.DefaultProject.Slug}/channels")).Content.ReadAsStringAsync();
        Assert.Contains("""<span class="badge delivery-partial">partly delivered</span>""", html);
    }

    [Fact]
    public async Task ARecipientRefusedForNowGetsTheAlertOnTheRetryAndTheOtherGetsItOnce()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options("oncall@example.com", "busy-once@example.com"));

        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));

        Assert.Equal("delivered", delivery["state"]!.GetValue<string>());
        Assert.Equal(2, delivery["attempts"]!.GetValue<long>());
        Assert.Null(delivery["lastError"]?.GetValue<string>());
        // Between the attempts the delivery was owed, not done.
        Assert.Contains("delivered to 1 of 2 recipients; the server refused busy-once@example.com (SMTP 450); now pending", Server.Logs.Text);
        await Task.Delay(1000); // a wrong third attempt would have come by now
        var mails = _smtp.Messages;
        Assert.Equal([["oncall@example.com"], ["busy-once@example.com"]], mails.Select(Envelope));
        // The second copy is the same mail: its headers still name everyone it was addressed to.
        Assert.All(mails, mail => Assert.Contains("To: oncall@example.com, busy-once@example.com", mail["raw"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ARecipientRefusedForNowAndThenForGoodIsNamedAndTheOtherGetsTheAlertOnce()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options("oncall@example.com", "busy-then-gone@example.com"));

        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));

        Assert.Equal("delivered", delivery["state"]!.GetValue<string>());
        Assert.Equal(2, delivery["attempts"]!.GetValue<long>());
        Assert.Equal("delivered to 1 of 2 recipients; the server refused busy-then-gone@example.com (SMTP 550)", delivery["lastError"]!.GetValue<string>());
        await Task.Delay(1000);
        var mail = Assert.Single(_smtp.Messages);
        Assert.Equal(["oncall@example.com"], Envelope(mail));
    }

    [Fact]
    public async Task ARecipientRefusedForGoodEarlierIsStillNamedWhenTheOneRefusedForNowGetsTheAlert()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options("oncall@example.com", "reject@example.com", "busy-once@example.com"));

        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));

        Assert.Equal("delivered", delivery["state"]!.GetValue<string>());
        Assert.Equal(2, delivery["attempts"]!.GetValue<long>());
        Assert.Equal("delivered to 2 of 3 recipients; the server refused reject@example.com (SMTP 550)", delivery["lastError"]!.GetValue<string>());
        Assert.Equal([["oncall@example.com"], ["busy-once@example.com"]], _smtp.Messages.Select(Envelope));
    }

    [Fact]
    public async Task AnAttemptThatReachesNobodyKeepsTheRecipientsOwedForTheNext()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options("oncall@example.com", "busy-then-closing@example.com"));

        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));

        // 450, then a 421 that ends the session (no account of who took what), then accepted.
        Assert.Equal("delivered", delivery["state"]!.GetValue<string>());
        Assert.Equal(3, delivery["attempts"]!.GetValue<long>());
        Assert.Null(delivery["lastError"]?.GetValue<string>());
        Assert.Contains("delivered to 1 of 2 recipients; the server refused busy-then-closing@example.com (SMTP 450); then: SMTP 421 in reply to RCPT TO; now pending",
            Server.Logs.Text);
        Assert.Equal([["oncall@example.com"], ["busy-then-closing@example.com"]], _smtp.Messages.Select(Envelope));
    }

    [Fact]
    public async Task ARecipientStillRefusedForNowWhenTheAttemptsRunOutIsNamedAndTheOtherGetsTheAlertOnce()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options("oncall@example.com", "busy@example.com"));

        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));

        // The server's MaxAttempts is 3. Someone has the alert, so "failed" would be wrong; the error says who has not.
        Assert.Equal("delivered", delivery["state"]!.GetValue<string>());
        Assert.Equal(3, delivery["attempts"]!.GetValue<long>());
        Assert.Equal("delivered to 1 of 2 recipients; the server refused busy@example.com (SMTP 450); gave up after 3 attempts",
            delivery["lastError"]!.GetValue<string>());
        var mail = Assert.Single(_smtp.Messages);
        Assert.Equal(["oncall@example.com"], Envelope(mail));
    }

    [Fact]
    public async Task EveryRecipientRefusedWithOneOnlyForNowIsRetriedAndThenReportsTheOther()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options("reject@example.com", "softfail-once@example.com"));

        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));

        // First attempt: 550 and 451, nothing sent, worth another go; the second gets the 451 one through.
        Assert.Equal("delivered", delivery["state"]!.GetValue<string>());
        Assert.Equal(2, delivery["attempts"]!.GetValue<long>());
        Assert.Equal("delivered to 1 of 2 recipients; the server refused reject@example.com (SMTP 550)", delivery["lastError"]!.GetValue<string>());
        Assert.Contains("SMTP 451 in reply to RCPT TO: the server refused every recipient: reject@example.com (SMTP 550), softfail-once@example.com (SMTP 451)", Server.Logs.Text);
        var mail = Assert.Single(_smtp.Messages);
        Assert.Equal(["softfail-once@example.com"], mail["to"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task EveryRecipientRefusedForGoodFailsAtOnceNamingThem()
    {
        var channel = await Server.CreateChannelAsync(Kind, Options("reject@example.com", "reject@example.org"));

        var delivery = await Server.SettledAsync(await Server.SendTestAsync(channel));

        Assert.Equal("failed", delivery["state"]!.GetValue<string>());
        Assert.Equal(1, delivery["attempts"]!.GetValue<long>());
        Assert.Equal("SMTP 550 in reply to RCPT TO: the server refused every recipient: reject@example.com (SMTP 550), reject@example.org (SMTP 550)",
            delivery["lastError"]!.GetValue<string>());
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task Port465WithoutImplicitTlsIsRefusedNamingTheField()
    {
        var options = Options("oncall@example.com");
        options["port"] = 465;
        options["implicitTls"] = false;
        using var response = await Server.Api.Http.PostAsJsonAsync($"/api/projects/{Server.DefaultProject.Slug}/channels",
            new JsonObject { ["name"] = "smtps typo", ["kind"] = Kind, ["options"] = options });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("implicitTls", await response.Content.ReadAsStringAsync());
    }

    /// <summary>The addresses a mail was sent to (RCPT TO), as the server took them.</summary>
    private static string[] Envelope(JsonObject mail) => mail["to"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray();

    public async Task InitializeAsync() => _smtp = await SmtpReceiver.StartAsync(User, Password);

    public async Task DisposeAsync() => await _smtp.DisposeAsync();
}
