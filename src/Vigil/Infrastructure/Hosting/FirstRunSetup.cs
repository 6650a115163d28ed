using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Vigil.Features.Accounts;
using Vigil.Features.Accounts.Storage;
using Vigil.Features.Projects.Storage;
using Vigil.Infrastructure.Storage;

namespace Vigil.Infrastructure.Hosting;

/// <summary>Brings a store up to date and, on the very first start, creates the admin account and a
/// default project. What it created is reported once the server listens, so the printed DSN names
/// the address actually bound (port 0 picks one).</summary>
public sealed class FirstRunSetup(MigrationRunner migrations, UserStore users, ProjectStore projects, IOptions<VigilOptions> options)
{
    public async Task<FirstRunReport> RunAsync(CancellationToken cancellationToken = default)
    {
        await migrations.ApplyAsync(cancellationToken);
        var settings = options.Value;
        var report = new FirstRunReport();
        if (await users.CountAsync(cancellationToken) == 0)
        {
            var chosen = !string.IsNullOrEmpty(settings.Admin.Password);
            var password = chosen
                ? settings.Admin.Password!
                : Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
            await users.CreateAsync(settings.Admin.Email, password, Roles.Admin, cancellationToken);
            report = report with { AdminEmail = settings.Admin.Email, GeneratedPassword = chosen ? null : password };
        }
        if ((await projects.ListAsync(cancellationToken)).Count == 0)
        {
            var (project, key) = await projects.CreateAsync("Default", cancellationToken);
            report = report with { ProjectSlug = project.Slug, ProjectId = project.Id, PublicKey = key.PublicKey };
        }
        return report;
    }
}
