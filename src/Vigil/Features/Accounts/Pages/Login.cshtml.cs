using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Vigil.Features.Accounts.Pages;

[AllowAnonymous]
[EnableRateLimiting(AccountsModule.LoginRateLimit)]
public sealed class LoginModel(SignInService signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await signIn.SignInAsync(HttpContext, Email.Trim(), Password))
        {
            // The same words for an unknown email and a wrong password: the form must not reveal who has an account.
            Error = "Wrong email or password";
            Password = "";
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/projects");
    }
}
