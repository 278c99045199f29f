using Runner.Checkout.Contracts;
using Runner.Kernel.Results;

namespace Runner.Checkout;

/// <summary>The checkout's refusals, each with its stable code.</summary>
internal static class CheckoutErrors
{
    public static Error BeingCheckedOut() => Error.Conflict("cart.checkout_in_progress",
        "This cart is being checked out and cannot change until that ends; retry in a moment.");

    public static Error CartNotFound() => Error.NotFound("cart.not_found", "No cart with this id belongs to this storefront.");
    public static Error LineNotFound() => Error.NotFound("cart.line_not_found", "The cart has no line with this id.");

    public static Error Completed(Guid? orderId) =>
        Error.Conflict("cart.completed", "This cart has already been checked out; start a new cart.")
            with { Extensions = new Dictionary<string, object?> { ["orderId"] = orderId } };

    public static Error CurrencyNotEnabled(string currency) => Error.Invalid("currency", "cart.currency_not_enabled",
        $"The store does not sell in {currency}; use one of its enabled currencies.");

    public static Error UnknownVariant() => Error.Invalid("variantId", "cart.unknown_variant", "No variant has this id.");

    public static Error VariantUnavailable(LineIssue issue, string message) =>
        new Error("cart.variant_unavailable", message, ErrorKind.Unprocessable,
            new Dictionary<string, string[]> { ["variantId"] = [message] })
            with { Extensions = new Dictionary<string, object?> { ["reason"] = Snake(issue) } };

    public static Error ShippingAddressRequired() => Error.Unprocessable("cart.shipping_address_required",
        "Set the cart's shippingAddress first: rates depend on where the parcel goes.");

    public static Error UnknownShippingRate() => Error.Invalid("rateId", "cart.unknown_shipping_rate",
        "This rate is not offered for the cart as it is now; list the rates again.");

    public static Error TooManyLines() => Error.Unprocessable("cart.too_many_lines", $"A cart holds at most {Carts.CartRules.MaxLines} lines.");

    /// <summary>The variant does not sell when out of stock and fewer units are available than the cart would hold.</summary>
    public static Error InsufficientStock(Guid? lineId, string sku, long available, long requested) =>
        Error.Conflict("inventory.insufficient_stock",
            $"Only {Math.Max(available, 0)} unit(s) of {sku} are available; {requested} were asked for. The cart was not changed.")
            with
            {
                Extensions = new Dictionary<string, object?>
                {
                    ["available"] = Math.Max(available, 0), ["requested"] = requested,
                    ["lines"] = new[] { new { lineId, sku, available = Math.Max(available, 0), requested } },
                },
            };

    public static string Snake(LineIssue issue) => issue switch
    {
        LineIssue.NotPublished => "not_published",
        LineIssue.Archived => "archived",
        LineIssue.NotActive => "not_active",
        LineIssue.OutOfStock => "out_of_stock",
        LineIssue.InsufficientStock => "insufficient_stock",
        _ => "no_price",
    };
}
