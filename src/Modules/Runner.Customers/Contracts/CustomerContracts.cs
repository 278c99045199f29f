using Runner.Kernel.Ids;

namespace Runner.Customers.Contracts;

public readonly record struct CustomerId(Guid Value) : ITypedId<CustomerId>
{
    public static CustomerId Create(Guid value) => new(value);
    public override string ToString() => Value.ToString();
}

/// <summary>A postal address as checkout, orders and customers carry it. <see cref="Country"/> is ISO 3166-1 alpha-2.</summary>
public sealed record CustomerAddress(
    string FirstName,
    string LastName,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string Country,
    string? Phone);

/// <summary>Customers for code inside the engine (checkout, orders).</summary>
public interface ICustomers
{
    /// <summary>
    /// The customer with this email (case-insensitive), created when there is none yet, with the address saved to
    /// its address book when new to it (with <paramref name="callerSaves"/>, only added to the context, for the caller's
    /// own SaveChanges in the same transaction). Joins the caller's open transaction; race-safe (a unique index and a retry),
    /// so two checkouts of one new email make one customer. An invalid address throws a validation
    /// <see cref="Runner.Kernel.Results.DomainException"/> (<c>customers.invalid_address</c>).
    /// </summary>
    Task<CustomerId> EnsureAsync(string email, string? firstName, string? lastName, CustomerAddress? address, bool callerSaves = false,
        CancellationToken ct = default);

    /// <summary>Whether this email (case-insensitive) has placed an order before (fraud rules ask about first orders).</summary>
    Task<bool> HasOrdersAsync(string email, CancellationToken ct = default);

    /// <summary>
    /// Counts an order placed by the customer (its total in the store currency) on the customer's record; orders call
    /// it in the order's transaction.
    /// </summary>
    Task RecordOrderAsync(CustomerId id, Kernel.Money totalInStoreCurrency, DateTimeOffset placedAt, CancellationToken ct = default);

    /// <summary>
    /// Erases a customer's personal data from their record (the email becomes a placeholder, names go) and empties their
    /// address book, in the caller's transaction. Orders keep their own snapshot, which the store must retain for its
    /// accounts; a later checkout with the same email makes a new customer.
    /// </summary>
    Task EraseAsync(CustomerId id, CancellationToken ct = default);

    /// <summary>The customer's email, or null when there is no such customer.</summary>
    Task<string?> EmailOfAsync(CustomerId id, CancellationToken ct = default);
    /// <summary>
    /// Gives the customer a new email, in the caller's transaction; false (nothing changed) when another customer record
    /// already has it. Past orders keep the email they were placed with.
    /// </summary>
    Task<bool> ChangeEmailAsync(CustomerId id, string email, CancellationToken ct = default);
}

/// <summary>One order in a customer's history.</summary>
public sealed record CustomerOrderSummary(Guid Id, string Name, string Status, string PaymentStatus, string FulfilmentStatus,
    Kernel.Money Total, DateTimeOffset CreatedAt);

/// <summary>
/// A customer's orders, newest first. The orders module supplies it (orders refer to customers, not the reverse);
/// without it a customer's history is empty.
/// </summary>
public interface ICustomerOrderHistory
{
    Task<IReadOnlyList<CustomerOrderSummary>> ListAsync(CustomerId id, int limit, CancellationToken ct = default);
}
