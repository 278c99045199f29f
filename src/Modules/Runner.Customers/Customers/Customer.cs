using Runner.Customers.Contracts;

namespace Runner.Customers.Customers;

/// <summary>
/// A customer (table <c>customers_customers</c>): one per email, compared case-insensitively through
/// <see cref="EmailKey"/> (unique). Orders counts and spend are in the store currency, kept by the orders module.
/// </summary>
internal sealed class Customer
{
    public CustomerId Id { get; set; }
    public required string Email { get; set; }
    public required string EmailKey { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public int OrdersCount { get; set; }
    public long TotalSpent { get; set; }
    public string? SpentCurrency { get; set; }
    public DateTimeOffset? LastOrderAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static string KeyOf(string email) => email.Trim().ToLowerInvariant();
}

/// <summary>An address in a customer's book (table <c>customers_addresses</c>).</summary>
internal sealed class CustomerAddressRow
{
    public Guid Id { get; set; }
    public CustomerId CustomerId { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public required string Line1 { get; set; }
    public string? Line2 { get; set; }
    public required string City { get; set; }
    public string? Region { get; set; }
    public required string PostalCode { get; set; }
    public required string Country { get; set; }
    public string? Phone { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public CustomerAddress ToContract() => new(FirstName, LastName, Line1, Line2, City, Region, PostalCode, Country, Phone);

    public bool Matches(CustomerAddress a) => a == ToContract();
}
