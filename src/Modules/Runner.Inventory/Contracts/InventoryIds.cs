using Runner.Kernel.Ids;

namespace Runner.Inventory.Contracts;

public readonly record struct LocationId(Guid Value) : ITypedId<LocationId>
{
    public static LocationId Create(Guid value) => new(value);
    public override string ToString() => Value.ToString();
}

public readonly record struct ReservationId(Guid Value) : ITypedId<ReservationId>
{
    public static ReservationId Create(Guid value) => new(value);
    public override string ToString() => Value.ToString();
}

public readonly record struct TransferId(Guid Value) : ITypedId<TransferId>
{
    public static TransferId Create(Guid value) => new(value);
    public override string ToString() => Value.ToString();
}

/// <summary>What a location is: a warehouse, a shop that also sells over the counter, or a supplier that ships for the store.</summary>
public enum LocationKind { Warehouse, Retail, Dropship }

/// <summary>Why on-hand stock changed; every ledger row carries one.</summary>
public enum LedgerReason { Received, Sold, Returned, Damaged, Counted, Correction, Transferred }

/// <summary>The reasons a person (or an import) may give for an adjustment; sales and transfers have their own endpoints.</summary>
public enum AdjustmentReason { Received, Returned, Damaged, Correction, Counted }

/// <summary>
/// A reservation holds units for a while (a cart at checkout). It ends consumed (sold), released (given back) or
/// expired (given back by the sweeper once its time ran out).
/// </summary>
public enum ReservationStatus { Active, Consumed, Released, Expired }

/// <summary>A transfer moves units between locations: requested, then shipped (units leave), then received (units arrive).</summary>
public enum TransferStatus { Requested, Shipped, Received, Cancelled }
