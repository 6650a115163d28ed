using Vigil.Features.Projects;

namespace Vigil.Infrastructure.Hosting;

/// <summary>What the first start created, to print once: how to sign in and where to send errors.</summary>
public sealed record FirstRunReport(
    string? AdminEmail = null,
    string? GeneratedPassword = null,
    string? ProjectSlug = null,
    long ProjectId = 0,
    string? PublicKey = null)
{
    public async Task WriteAsync(TextWriter output, string publicUrl)
    {
        if (AdminEmail is not null)
        {
            await output.WriteLineAsync($"Created the admin account. Sign in at {publicUrl}/login");
            await output.WriteLineAsync($"  email:    {AdminEmail}");
            await output.WriteLineAsync(GeneratedPassword is null
                ? "  password: the one set in Admin:Password"
                : $"  password: {GeneratedPassword}   (shown once; change it after signing in)");
        }
        if (PublicKey is not null)
        {
            await output.WriteLineAsync($"Created project '{ProjectSlug}'. Point any Sentry SDK at this DSN:");
            await output.WriteLineAsync($"  {Dsn.Build(publicUrl, PublicKey, ProjectId)}");
        }
    }
}
