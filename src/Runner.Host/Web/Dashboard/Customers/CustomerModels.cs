using Runner.Kernel;

namespace Runner.Host.Web.Dashboard.Customers;

// The customers API's answers, as the customer pages read them.

public sealed record CustomerRow(Guid Id, string Email, string? FirstName, string? LastName, int OrdersCount, Money? TotalSpent,
    DateTimeOffset? LastOrderAt, DateTimeOffset CreatedAt)
{
    public string Name => CustomerNames.Of(FirstName, LastName);
}

public sealed record CustomerAddressView(Guid Id, string FirstName, string LastName, string Line1, string? Line2, string City, string? Region,
    string PostalCode, string Country, string? Phone);

public sealed record CustomerOrderView(Guid Id, string Name, string Status, string PaymentStatus, string FulfilmentStatus, Money Total,
    DateTimeOffset CreatedAt);

/// <summary><c>GET /admin/customers/{id}</c>: the profile, the address book and the latest 50 orders.</summary>
public sealed record CustomerDetailView(Guid Id, string Email, string? FirstName, string? LastName, int OrdersCount, Money? TotalSpent,
    DateTimeOffset? LastOrderAt, DateTimeOffset CreatedAt, IReadOnlyList<CustomerAddressView> Addresses, IReadOnlyList<CustomerOrderView> Orders)
{
    public string Name => CustomerNames.Of(FirstName, LastName);
}

public static class CustomerNames
{
    /// <summary>"Ada Lovelace", or empty when the customer gave no name.</summary>
    public static string Of(string? first, string? last) => string.Join(" ", new[] { first, last }.Where(n => !string.IsNullOrWhiteSpace(n)));
}
