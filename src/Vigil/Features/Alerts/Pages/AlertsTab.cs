namespace Vigil.Features.Alerts.Pages;

/// <summary>Which tab of the alerts pages is showing, for <c>_AlertsTabs</c>.</summary>
public sealed record AlertsTab(string Slug, string Active);
