namespace Vigil.Features.Alerts.Delivery;

/// <summary>The states a delivery row moves through: pending → sending → delivered, or back to pending
/// with a later due time, or failed after the last attempt or a permanent error. A delivery that reached
/// some recipients is pending while others are owed it and never ends failed: someone has the message.</summary>
public static class DeliveryState
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
