using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Vigil.Cli.Alerts;

/// <summary>For verbs that are clients of a running server: --url (or VIGIL_URL) and a credential, one request,
/// the answer's detail on stderr and an exit code from its status.</summary>
public sealed class ServerClient
{
    public Option<string> Url { get; } = new("--url")
    {
        Description = "The Vigil server (default: $VIGIL_URL or http://127.0.0.1:5080).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("VIGIL_URL") ?? "http://127.0.0.1:5080",
    };

    public void AddTo(Command command) => command.Options.Add(Url);

    /// <summary>Sends <paramref name="body"/> as JSON; returns the exit code and the parsed answer (null on failure).</summary>
    public async Task<(int ExitCode, JsonNode? Answer)> PostAsync(ParseResult parse, string path, object? body, string? credential, string header,
        CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(Url)!.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = JsonContent.Create(body ?? new { }) };
        if (credential is not null)
        {
            if (header == "Authorization")
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
            else
                request.Headers.Add(header, credential);
        }
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException failure)
        {
            await Console.Error.WriteLineAsync($"Cannot reach {parse.GetValue(Url)}: {failure.Message}");
            return (ExitCodes.Failure, null);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? answer = null;
            try
            {
                answer = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
            }
            if (response.IsSuccessStatusCode)
                return (ExitCodes.Ok, answer ?? new JsonObject());
            var detail = answer?["detail"]?.ToString() ?? text;
            await Console.Error.WriteLineAsync($"{(int)response.StatusCode}: {detail}");
            return (response.StatusCode switch
            {
                HttpStatusCode.NotFound => ExitCodes.NotFound,
                HttpStatusCode.BadRequest => ExitCodes.Usage,
                _ => ExitCodes.Failure,
            }, null);
        }
    }
}
