using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Vigil.Features.Accounts.Storage;

namespace Vigil.Features.Accounts;

/// <summary>Authenticates `Authorization: Bearer vgl_…` API tokens for the management API and CLI.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenStore tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        var token = await tokens.FindActiveAsync(secret, Context.RequestAborted);
        if (token is null)
            return AuthenticateResult.Fail("The API token is unknown or revoked.");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "token:" + token.Name), new Claim(ClaimTypes.Role, Roles.Admin), new Claim("token_id", token.Id.ToString())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.ContentType = "application/json";
        return Response.WriteAsync("{\"detail\":\"Authentication required: send Authorization: Bearer <token> (vigil token create).\"}");
    }
}
