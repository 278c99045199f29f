using Runner.Kernel.Results;

namespace Runner.Pricing;

/// <summary>Pricing's refusals, each with its stable code.</summary>
internal static class PricingErrors
{
    public static Error TaxZoneNotFound() => Error.NotFound("pricing.tax_zone_not_found", "No tax zone has this id.");

    public static Error TaxZoneExists(string country, string? region) => new("pricing.tax_zone_exists",
        region is null ? $"{country} already has a tax zone; change that one." : $"{country} region {region} already has a tax zone; change that one.",
        ErrorKind.Conflict, new Dictionary<string, string[]> { [region is null ? "country" : "region"] = ["A zone for this place exists."] });
}
