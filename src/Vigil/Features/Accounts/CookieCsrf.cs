using Microsoft.AspNetCore.Antiforgery;

namespace Vigil.Features.Accounts;

/// <summary>An endpoint filter for JSON APIs that pages call with the sign-in cookie: such a call must
/// carry the antiforgery token in X-Vigil-Csrf, because a cookie alone travels with any site's request.
/// Scripts that send a bearer token are not exposed to that and need no token.</summary>
public sealed class CookieCsrf : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Headers.Authorization.Count == 0)
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Json(new { detail = "Missing or stale X-Vigil-Csrf token: reload the page." }, statusCode: 400);
        }
        return await next(context);
    }
}
