using System.Text.RegularExpressions;
using Runner.Kernel.Ids;
using Runner.Kernel.Reference;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Pricing.Contracts;

namespace Runner.Pricing.Taxes;

internal static partial class TaxZoneRules
{
    public const int MaxRates = 20;

    public static Error? Validate(TaxZoneInput input)
    {
        var v = new Validator();
        if (!Countries.IsKnown(input.Country))
            v.Add("country", "validation.unknown_country", $"'{input.Country}' is not an ISO 3166-1 alpha-2 country code.");
        if (input.Region is not null)
        {
            if (string.IsNullOrWhiteSpace(input.Region)) v.Add("region", "validation.required", "region must not be blank; leave it out for the whole country.");
            else if (v.MaxLength("region", input.Region.Trim(), 100) && Countries.IsKnown(input.Country) && Regions.IsCodeOfAnotherCountry(input.Country, input.Region))
                v.Add("region", "validation.region_outside_country", $"Region {input.Region.Trim()} is not in {input.Country.ToUpperInvariant()}.");
        }
        v.MaxLength("name", input.Name, 200);
        if (input.Rates.Count > MaxRates) v.Add("rates", "validation.too_many", $"A zone has at most {MaxRates} rates.");
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < input.Rates.Count; i++)
        {
            var rate = input.Rates[i];
            var field = $"rates[{i}]";
            if (!Category().IsMatch(rate.Category?.Trim().ToLowerInvariant() ?? ""))
                v.Add($"{field}.category", "pricing.invalid_tax_category",
                    "category must be 1–50 letters, digits or hyphens (standard, reduced, gift-card, shipping or your own).");
            if (v.Required($"{field}.name", rate.Name, 100) && !seen.Add((rate.Category?.Trim().ToLowerInvariant() ?? "", rate.Name.Trim())))
                v.Add($"{field}.name", "pricing.duplicate_tax_rate", "The zone already has a rate with this category and name.");
            if (rate.Percentage < 0 || rate.Percentage > 100 || decimal.Round(rate.Percentage, 4) != rate.Percentage)
                v.Add($"{field}.percentage", "pricing.invalid_percentage", "percentage must be from 0 to 100 with at most 4 decimals (8.875).");
        }
        return v.IsValid ? null : v.ToError();
    }

    public static void Apply(TaxZone zone, TaxZoneInput input)
    {
        zone.Country = input.Country.ToUpperInvariant();
        zone.Region = string.IsNullOrWhiteSpace(input.Region) ? null : input.Region.Trim();
        zone.RegionKey = Regions.Key(zone.Country, zone.Region);
        zone.Name = string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim();
        zone.Rates.Clear();
        zone.Rates.AddRange(input.Rates.Select((r, i) => new TaxRate
        {
            Id = Guid.CreateVersion7(),
            ZoneId = zone.Id,
            Category = r.Category.Trim().ToLowerInvariant(),
            Name = r.Name.Trim(),
            Percentage = r.Percentage,
            Position = i,
        }));
    }

    /// <summary>8.8750 → 8.875: the same number whether it comes from the request or the database.</summary>
    public static decimal Plain(decimal percentage) => percentage / 1.0000000000000000000000000000m;

    public static TaxZone New() => new() { Id = TypedId.New<TaxZoneId>(), Country = "" };

    public static TaxZoneInput ToInput(TaxZone z) =>
        new(z.Country, [.. z.Rates.OrderBy(r => r.Position).Select(r => new TaxRateInput(r.Category, r.Name, Plain(r.Percentage)))], z.Region, z.Name);

    public static TaxZoneResponse ToResponse(TaxZone z) => new(z.Id, z.Country, z.Region, z.Name, ToInput(z).Rates,
        z.CreatedAt, z.CreatedBy, z.UpdatedAt, z.UpdatedBy, z.Version);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,49})$")]
    private static partial Regex Category();
}
