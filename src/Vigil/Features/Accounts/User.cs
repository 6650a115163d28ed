namespace Vigil.Features.Accounts;

public sealed record User(long Id, string Email, string Role, long CreatedAt);

public static class Roles
{
    public const string Admin = "admin";
}
