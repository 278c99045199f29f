using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Analytics.Events;

/// <summary>
/// What makes a storefront event well-formed: a known type; visitor and session ids (1–64 letters, digits, <c>-</c>,
/// <c>_</c>); a time within <see cref="EventIngestion.MaxAge"/> behind and <see cref="EventIngestion.MaxAhead"/> ahead
/// of the server's; absolute http(s) URLs; and what the type is about (<c>product_view</c> a product,
/// <c>collection_view</c> a collection, <c>search</c> its query, cart events a variant, <c>checkout_step</c> its step).
/// </summary>
internal static class EventRules
{
    public static (List<StoreEvent>? Rows, Error? Error) Read(IReadOnlyList<StoreEventInput?> events, DateTimeOffset now, Guid channel,
        Guid? customer, string deviceFromAgent)
    {
        var v = new Validator();
        var rows = new List<StoreEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var at = $"events[{i}]";
            if (e is null)
            {
                v.Add(at, "validation.required", $"{at} is not an event.");
                continue;
            }
            if (!EventTypes.All.Contains(e.Type ?? ""))
                v.Add($"{at}.type", "analytics.unknown_type", $"{at}.type must be one of: {string.Join(", ", EventTypes.All)}.");
            Id(v, $"{at}.visitorId", e.VisitorId);
            Id(v, $"{at}.sessionId", e.SessionId);
            if (e.OccurredAt is not { } occurred) v.Add($"{at}.occurredAt", "validation.required", $"{at}.occurredAt is required (ISO 8601 with an offset).");
            else if (occurred < now - EventIngestion.MaxAge || occurred > now + EventIngestion.MaxAhead)
                v.Add($"{at}.occurredAt", "analytics.out_of_window", $"{at}.occurredAt is more than 3 days old or ahead of the server's clock.");
            Url(v, $"{at}.url", e.Url);
            Url(v, $"{at}.referrer", e.Referrer);
            v.MaxLength($"{at}.utmSource", e.UtmSource, 100);
            v.MaxLength($"{at}.utmMedium", e.UtmMedium, 100);
            v.MaxLength($"{at}.utmCampaign", e.UtmCampaign, 100);
            if (e.Device is not null && !EventTypes.Devices.Contains(e.Device))
                v.Add($"{at}.device", "analytics.unknown_device", $"{at}.device must be desktop, mobile, tablet or other.");
            Subject(v, at, e);
            if (e.Quantity is < 1 or > 10_000) v.Add($"{at}.quantity", "validation.out_of_range", $"{at}.quantity must be 1 to 10,000.");
            if (!v.IsValid) continue;
            rows.Add(new StoreEvent
            {
                Type = e.Type!, OccurredAt = e.OccurredAt!.Value.ToUniversalTime(), ReceivedAt = now, ChannelId = channel, CustomerId = customer,
                VisitorId = e.VisitorId!, SessionId = e.SessionId!, Url = e.Url, Referrer = e.Referrer, UtmSource = Clean(e.UtmSource),
                UtmMedium = Clean(e.UtmMedium), UtmCampaign = Clean(e.UtmCampaign), Device = e.Device ?? deviceFromAgent, ProductId = e.ProductId,
                VariantId = e.VariantId, CollectionId = e.CollectionId, CartId = e.CartId, Query = e.Query?.Trim(), Step = e.Step?.Trim(),
                Quantity = e.Quantity,
            });
        }
        return v.IsValid ? (rows, null) : (null, v.ToError());
    }

    private static void Subject(Validator v, string at, StoreEventInput e)
    {
        switch (e.Type)
        {
            case EventTypes.ProductView when e.ProductId is null:
                v.Add($"{at}.productId", "validation.required", $"{at}.productId is required for product_view.");
                break;
            case EventTypes.CollectionView when e.CollectionId is null:
                v.Add($"{at}.collectionId", "validation.required", $"{at}.collectionId is required for collection_view.");
                break;
            case EventTypes.Search:
                v.Required($"{at}.query", e.Query, 200);
                break;
            case EventTypes.AddToCart or EventTypes.RemoveFromCart when e.VariantId is null:
                v.Add($"{at}.variantId", "validation.required", $"{at}.variantId is required for {e.Type}.");
                break;
            case EventTypes.CheckoutStep:
                v.Required($"{at}.step", e.Step, 50);
                break;
        }
        if (e.Type != EventTypes.Search) v.MaxLength($"{at}.query", e.Query, 200);
        if (e.Type != EventTypes.CheckoutStep) v.MaxLength($"{at}.step", e.Step, 50);
    }

    private static void Id(Validator v, string field, string? value)
    {
        if (!v.Required(field, value, 64)) return;
        if (!value!.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            v.Add(field, "analytics.invalid_id", $"{field} is 1 to 64 letters, digits, '-' or '_'.");
    }

    private static void Url(Validator v, string field, string? value)
    {
        if (value is null) return;
        if (value.Length > 2000 || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            v.Add(field, "analytics.invalid_url", $"{field} must be an absolute http(s) URL of at most 2,000 characters.");
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();
}
