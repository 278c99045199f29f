using Runner.Inventory.Contracts;
using Runner.Kernel.Results;

namespace Runner.Inventory;

/// <summary>The inventory's refusals, each with its stable code.</summary>
internal static class InventoryErrors
{
    public const string InsufficientStockCode = "inventory.insufficient_stock";

    /// <summary>Fewer units are available than asked for; <c>available</c> and <c>requested</c> travel in the problem.</summary>
    public static Error InsufficientStock(long available, long requested) =>
        Error.Conflict(InsufficientStockCode, $"Only {Math.Max(available, 0)} unit(s) are available; {requested} were asked for. Nothing was changed.")
            with { Extensions = new Dictionary<string, object?> { ["available"] = Math.Max(available, 0), ["requested"] = requested } };

    /// <summary>Removing units would leave fewer than none on hand.</summary>
    public static Error NotEnoughOnHand(long onHand, long delta) =>
        Error.Conflict(InsufficientStockCode, $"Only {onHand} unit(s) are on hand; removing {-delta} would leave fewer than none. Nothing was changed.")
            with { Extensions = new Dictionary<string, object?> { ["onHand"] = onHand } };

    public static Error VariantArchived(string field) => new("inventory.variant_archived",
        "This variant (or its product) is archived and cannot be reserved.", ErrorKind.Unprocessable,
        new Dictionary<string, string[]> { [field] = ["The variant is archived."] });

    public static Error LocationArchived(string field) => new("inventory.location_archived",
        "This location is archived; stock cannot be reserved at or moved from or to it.", ErrorKind.Unprocessable,
        new Dictionary<string, string[]> { [field] = ["The location is archived."] });

    public static Error LocationNotFound() => Error.NotFound("inventory.location_not_found", "No location has this id.");
    public static Error ReservationNotFound() => Error.NotFound("inventory.reservation_not_found", "No reservation has this id.");
    public static Error TransferNotFound() => Error.NotFound("inventory.transfer_not_found", "No transfer has this id.");

    public static Error ReservationConsumed() =>
        Error.Conflict("inventory.reservation_consumed", "The reservation was already sold; its units cannot be given back.");

    public static Error ReservationNotActive(ReservationStatus status) =>
        Error.Conflict("inventory.reservation_not_active", status == ReservationStatus.Active
            ? "The reservation's time ran out; reserve again."
            : $"The reservation is {status.ToString().ToLowerInvariant()}, not active.");

    public static Error InvalidTransferState(TransferStatus status, string action) =>
        Error.Conflict("inventory.invalid_transfer_state", $"A {status.ToString().ToLowerInvariant()} transfer cannot be {action}.");
}
