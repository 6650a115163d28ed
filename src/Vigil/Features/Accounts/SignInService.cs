using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Vigil.Features.Accounts.Storage;

namespace Vigil.Features.Accounts;

/// <summary>Cookie sign-in for the UI. Wrong email and wrong password are the same answer.</summary>
public sealed class SignInService(UserStore users)
{
    public async Task<bool> SignInAsync(HttpContext context, string email, string password)
    {
        var user = await users.VerifyAsync(email, password, context.RequestAborted);
        if (user is null)
            return false;
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Email), new Claim(ClaimTypes.Role, user.Role), new Claim("user_id", user.Id.ToString())],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = true });
        return true;
    }

    public Task SignOutAsync(HttpContext context) =>
        context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
}
