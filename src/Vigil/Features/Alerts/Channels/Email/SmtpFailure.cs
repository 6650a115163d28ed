namespace Vigil.Features.Alerts.Channels.Email;

/// <summary>An SMTP conversation that could not go on. The message names the reply code and the step
/// ("SMTP 535 in reply to AUTH PLAIN"), and refused recipients by the addresses the channel was given, never
/// the server's reply text, which can quote what was sent. <see cref="IsTransient"/> says whether trying
/// again later can help.</summary>
public sealed class SmtpFailure(string message, int? code = null, bool? transient = null, IReadOnlyList<SmtpRefusal>? refused = null)
    : Exception(message)
{
    /// <summary>The SMTP reply code, when the failure is a reply.</summary>
    public int? Code { get; } = code;

    /// <summary>The recipients refused at RCPT TO when the server took none of them; empty for any other failure.</summary>
    public IReadOnlyList<SmtpRefusal> Refused { get; } = refused ?? [];

    /// <summary>4xx replies are transient, 5xx replies are not; failures that are not replies say for themselves.</summary>
    public bool IsTransient { get; } = transient ?? code is >= 400 and < 500;

    public static SmtpFailure Reply(SmtpReply reply, string step) =>
        new($"SMTP {reply.Code} in reply to {step}{Hint(reply.Code, step)}", reply.Code);

    /// <summary>No recipient was taken, so nothing was sent. Transient when any refusal was: a later attempt may get that one through.</summary>
    public static SmtpFailure EveryRecipientRefused(IReadOnlyList<SmtpRefusal> refused)
    {
        var code = (refused.FirstOrDefault(r => r.IsTransient) ?? refused[0]).Code;
        return new($"SMTP {code} in reply to RCPT TO{Hint(code, "RCPT TO")}: the server refused every recipient: {string.Join(", ", refused)}",
            code, refused.Any(r => r.IsTransient), refused);
    }

    private static string Hint(int code, string step) => code switch
    {
        535 or 534 => " (the server refused the username or password)",
        530 when !step.StartsWith("AUTH", StringComparison.Ordinal) => " (the server wants AUTH: set a username and password)",
        _ => "",
    };
}
