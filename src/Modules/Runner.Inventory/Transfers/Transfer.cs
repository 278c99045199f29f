using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Kernel.Data;

namespace Runner.Inventory.Transfers;

/// <summary>
/// Units moving from one location to another (table <c>inventory_transfers</c>): requested, shipped (the units leave
/// the source), received (they arrive), or cancelled (a shipped transfer's units return to the source).
/// </summary>
internal sealed class Transfer : IAudited
{
    public TransferId Id { get; set; }
    public LocationId FromLocationId { get; set; }
    public LocationId ToLocationId { get; set; }
    public TransferStatus Status { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset? ShippedAt { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public List<TransferLine> Lines { get; set; } = [];

    public TransferResponse ToResponse() => new(Id, FromLocationId, ToLocationId, Status,
        [.. Lines.OrderBy(l => l.VariantId.Value).Select(l => new TransferLineResponse(l.VariantId, l.Quantity))],
        Note, CreatedAt, CreatedBy, ShippedAt, ReceivedAt, CancelledAt);
}

/// <summary>One variant's units on a transfer (table <c>inventory_transfer_lines</c>).</summary>
internal sealed class TransferLine
{
    public TransferId TransferId { get; set; }
    public VariantId VariantId { get; set; }
    public long Quantity { get; set; }
}
