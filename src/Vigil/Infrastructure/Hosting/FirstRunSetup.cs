using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Vigil.Features.Accounts;
using Vigil.Features.Accounts.Storage;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;
using Vigil.Infrastructure.Storage;

namespace Vigil.Infrastructure.Hosting;

/// <summary>Brings a store up to date and, on the very first start, creates the admin account and a
/// default project, printing how to sign in and where to send errors.</summary>
public sealed class FirstRunSetup(MigrationRunner migrations, UserStore users, ProjectStore projects, IOptions<VigilOptions> options)
{
    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken = default)
    {
        await migrations.ApplyAsync(cancellationToken);
        var settings = options.Value;
        if (await users.CountAsync(cancellationToken) == 0)
        {
            var password = string.IsNullOrEmpty(settings.Admin.Password)
                ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y')
                : settings.Admin.Password;
            await users.CreateAsync(settings.Admin.Email, password, Roles.Admin, cancellationToken);
            await output.WriteLineAsync($"Created the admin account. Sign in at {settings.ResolvePublicUrl()}/login");
            await output.WriteLineAsync($"  email:    {settings.Admin.Email}");
            await output.WriteLineAsync(string.IsNullOrEmpty(settings.Admin.Password)
                ? $"  password: {password}   (shown once; change it after signing in)"
                : "  password: the one set in Admin:Password");
        }
        if ((await projects.ListAsync(cancellationToken)).Count == 0)
        {
            var (project, key) = await projects.CreateAsync("Default", cancellationToken);
            await output.WriteLineAsync($"Created project '{project.Slug}'. Point any Sentry SDK at this DSN:");
            await output.WriteLineAsync($"  {Dsn.Build(settings.ResolvePublicUrl(), key.PublicKey, project.Id)}");
        }
    }
}
