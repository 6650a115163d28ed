using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vigil.Features.Accounts.Storage;
using Vigil.Features.Projects;
using Vigil.Features.Projects.Storage;
using Vigil.Infrastructure.Hosting;

namespace Vigil.Tests.Support;

/// <summary>The real server, in process, on a loopback port, over its own data folder (SQLite) or
/// its own database (PostgreSQL when VIGIL_TEST_STORAGE=postgres). One per test class; subclass it
/// to change settings (<see cref="Settings"/>) or inject time (<see cref="ConfigureServices"/>).</summary>
public class VigilServerFixture : IAsyncLifetime
{
    public const string AdminPassword = "correct-horse-battery-staple";

    private Dictionary<string, string?> _settings = [];
    private WebApplication? _app;
    private string? _token;

    public WebApplication App => _app ?? throw new InvalidOperationException("The server has not started.");
    public string BaseUrl { get; private set; } = "";
    /// <summary>Anonymous client on <see cref="BaseUrl"/> (ingest, health, metrics).</summary>
    public HttpClient Http { get; private set; } = new();
    /// <summary>The management API with an admin token.</summary>
    public VigilApi Api { get; private set; } = null!;
    public Project DefaultProject { get; private set; } = null!;
    public ProjectKey DefaultKey { get; private set; } = null!;
    public string Dsn => Vigil.Features.Projects.Dsn.Build(BaseUrl, DefaultKey.PublicKey, DefaultProject.Id);

    /// <summary>Settings on top of the defaults (URLs, data folder, storage, admin password).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        _settings = await TestStorage.SettingsAsync(TestStorage.NewTempDir());
        _settings["Urls"] = "http://127.0.0.1:0";
        _settings["Admin:Password"] = AdminPassword;
        _settings["Logging:LogLevel:Default"] = "Warning";
        // StatsD's default port 8125 is one per machine; a test that wants it sets Metrics:StatsdPort (-1 = any free port).
        _settings["Metrics:StatsdPort"] = "0";
        foreach (var (key, value) in Settings)
            _settings[key] = value;
        _app = VigilServer.Build(_settings, ConfigureServices);
        await App.Services.GetRequiredService<FirstRunSetup>().RunAsync();
        await StartAsync();
        var projects = Service<ProjectStore>();
        DefaultProject = (await projects.ListAsync()).Single();
        DefaultKey = (await projects.KeysAsync(DefaultProject.Id)).Single();
    }

    /// <summary>A new admin API token's secret.</summary>
    public async Task<string> CreateTokenAsync(string name) => (await Service<TokenStore>().CreateAsync(name)).Secret;

    /// <summary>A new project with its first key, for tests that change a project's settings.</summary>
    public Task<(Project Project, ProjectKey Key)> CreateProjectAsync(string name) => Service<ProjectStore>().CreateAsync(name);

    /// <summary>Posts an envelope to the default project (or <paramref name="key"/>'s) with X-Sentry-Auth.</summary>
    public Task<HttpResponseMessage> SendEnvelopeAsync(byte[] envelope, ProjectKey? key = null, string? contentEncoding = null) =>
        SentryIngestClient.SendEnvelopeAsync(Http, key?.ProjectId ?? DefaultProject.Id, (key ?? DefaultKey).PublicKey, envelope, contentEncoding);

    public Task<HttpResponseMessage> SendEventAsync(JsonObject ev, ProjectKey? key = null) =>
        SendEnvelopeAsync(SentryPayloads.EventEnvelope(ev), key);

    /// <summary>Sends an event and fails the test unless it was acknowledged (200, committed).</summary>
    public async Task AcceptAsync(JsonObject ev, ProjectKey? key = null)
    {
        using var response = await SendEventAsync(ev, key);
        Assert.True(response.IsSuccessStatusCode, $"ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The id of a project's only issue (fails when there are none or several).</summary>
    public async Task<long> SingleIssueIdAsync(string projectSlug) =>
        Assert.Single(await IssuesAsync(projectSlug))!["id"]!.GetValue<long>();

    public Task<JsonNode> GetJsonAsync(string path) => Api.GetJsonAsync(path);

    public Task<JsonArray> IssuesAsync(string? projectSlug = null) => Api.IssuesAsync(projectSlug ?? DefaultProject.Slug);

    public Task<JsonObject> LatestEventAsync(long issueId) => Api.LatestEventAsync(issueId);

    public Task<HashSet<string>> StoredEventIdsAsync(string? projectSlug = null) => Api.StoredEventIdsAsync(projectSlug ?? DefaultProject.Slug);

    /// <summary>Stops the server and starts a new one on the same data folder and database, as a process
    /// restart would: nothing held in memory survives. The port changes; <see cref="Http"/> and <see cref="Api"/> follow it.</summary>
    public async Task RestartAsync()
    {
        Http.Dispose();
        Api.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _app = VigilServer.Build(_settings, ConfigureServices);
        await StartAsync();
    }

    private async Task StartAsync()
    {
        await App.StartAsync();
        BaseUrl = App.Urls.First().TrimEnd('/');
        // Port 0 is only known once listening; DSNs the API builds must name the real port.
        if (!_settings.ContainsKey("PublicUrl"))
            Service<IOptions<VigilOptions>>().Value.PublicUrl = BaseUrl;
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        _token ??= await CreateTokenAsync("tests");
        Api = new VigilApi(BaseUrl, _token);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Api?.Dispose();
        try
        {
            if (_app is not null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }
        }
        finally
        {
            await TestStorage.CleanUpAsync(_settings);
        }
    }
}
