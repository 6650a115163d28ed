using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vigil.Features.Accounts.Pages;

/// <summary>POST only, with the antiforgery token, so a link on another site cannot sign someone out.</summary>
public sealed class LogoutModel(SignInService signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/projects");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync(HttpContext);
        return Redirect("/login");
    }
}
