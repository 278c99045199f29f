using Runner.Customers.Contracts;
using Runner.Kernel.Reference;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;

namespace Runner.Customers.Customers;

/// <summary>
/// Checks an address and tidies it (trimmed fields, upper-case country). The country must be an ISO 3166-1 alpha-2
/// code from the table embedded in the kernel. Public so checkout and orders validate addresses the same way.
/// </summary>
public static class AddressRules
{
    public static CustomerAddress Normalize(CustomerAddress a, string field)
    {
        var v = new Validator();
        Check(v, a, field);
        v.ThrowIfInvalid();
        return new CustomerAddress(a.FirstName.Trim(), a.LastName.Trim(), a.Line1.Trim(), Blank(a.Line2), a.City.Trim(),
            Blank(a.Region), a.PostalCode.Trim(), a.Country.Trim().ToUpperInvariant(), Blank(a.Phone));
    }

    public static void Check(Validator v, CustomerAddress a, string field)
    {
        Required(v, a.FirstName, P(field, "firstName"), 100);
        Required(v, a.LastName, P(field, "lastName"), 100);
        Required(v, a.Line1, P(field, "line1"), 200);
        Optional(v, a.Line2, P(field, "line2"), 200);
        Required(v, a.City, P(field, "city"), 100);
        Optional(v, a.Region, P(field, "region"), 100);
        Required(v, a.PostalCode, P(field, "postalCode"), 20);
        Optional(v, a.Phone, P(field, "phone"), 40);
        if (!Countries.IsKnown(a.Country?.Trim()))
            v.Add(P(field, "country"), "customers.invalid_country", "country must be an ISO 3166-1 alpha-2 code, such as US or DE.");
    }

    private static void Required(Validator v, string? value, string field, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) v.Add(field, "customers.invalid_address", $"{field} is required.");
        else if (value.Trim().Length > max) v.Add(field, "customers.invalid_address", $"{field} is at most {max} characters.");
    }

    private static void Optional(Validator v, string? value, string field, int max)
    {
        if (value is not null && value.Trim().Length > max) v.Add(field, "customers.invalid_address", $"{field} is at most {max} characters.");
    }

    private static string P(string prefix, string name) => prefix.Length == 0 ? name : prefix + "/" + name;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    internal static Error NotFound() => Error.NotFound("customers.not_found", "No customer has this id.");
}
