using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vigil.Features.Projects.Pages;

public sealed class HomeModel : PageModel
{
    public IActionResult OnGet() => Redirect("/projects");
}
