using System.Net;
using System.Text.RegularExpressions;

namespace Vigil.Tests.Support;

/// <summary>A signed-in browser without a browser: a cookie jar that signs in through /login and posts
/// page forms with the antiforgery token a page handed out, as a form submit would.</summary>
public sealed partial class PageSession : IDisposable
{
    private readonly HttpClient _http;
    private string? _token;

    private PageSession(string baseUrl) =>
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };

    public static async Task<PageSession> SignInAsync(VigilServerFixture server)
    {
        var session = new PageSession(server.BaseUrl);
        using var signIn = await session.PostFormAsync("/login", "/login", new() { ["Email"] = "admin@vigil.local", ["Password"] = VigilServerFixture.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        session._token = null;
        return session;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>Posts <paramref name="fields"/> to <paramref name="path"/> with a token taken from <paramref name="formPage"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string formPage, Dictionary<string, string> fields)
    {
        _token ??= TokenPattern().Match(await _http.GetStringAsync(formPage)).Groups[1].Value;
        fields["__RequestVerificationToken"] = _token;
        return await _http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
