using Runner.Kernel;
using Runner.Kernel.Ids;
using Runner.Kernel.Reference;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Shipping.Contracts;

namespace Runner.Shipping.Zones;

internal static class ShippingZoneRules
{
    public const int MaxAreas = 300, MaxRates = 50, MaxBands = 50, MaxPostalRules = 500;

    /// <summary>The country of the area that holds every destination no other zone holds.</summary>
    public const string RestOfWorld = "*";

    public static Error? Validate(ShippingZoneInput input, string storeCurrency, IReadOnlyCollection<Guid> existingRateIds)
    {
        var v = new Validator();
        v.Required("name", input.Name, 200);
        if (input.Areas.Count is 0 or > MaxAreas) v.Add("areas", "validation.out_of_range", $"A zone has 1 to {MaxAreas} countries or regions.");
        var areas = new HashSet<(string, string, string)>();
        for (var i = 0; i < input.Areas.Count; i++)
        {
            var (country, region, postal) = input.Areas[i];
            if (IsRestOfWorld(country))
            {
                if (region is not null || postal is not null)
                    v.Add($"areas[{i}]", "shipping.invalid_rest_of_world", "The rest of the world (*) takes no region or postal codes.");
                else if (!areas.Add((RestOfWorld, "", "")))
                    v.Add($"areas[{i}]", "validation.duplicate", "This place is listed twice.");
                continue;
            }
            if (!Countries.IsKnown(country))
                v.Add($"areas[{i}].country", "validation.unknown_country", $"'{country}' is not an ISO 3166-1 alpha-2 country code.");
            else if (region is not null && (string.IsNullOrWhiteSpace(region) || region.Trim().Length > 100))
                v.Add($"areas[{i}].region", "validation.invalid_region", "region must be 1–100 characters; leave it out for the whole country.");
            else if (region is not null && Regions.IsCodeOfAnotherCountry(country, region))
                v.Add($"areas[{i}].region", "validation.region_outside_country", $"Region {region.Trim()} is not in {country.ToUpperInvariant()}.");
            else if (Postal(v, $"areas[{i}].postalCodes", postal) is { } rules
                && !areas.Add((country.ToUpperInvariant(), Regions.Key(country, region), string.Join(",", rules.Order(StringComparer.Ordinal)))))
                v.Add($"areas[{i}]", "validation.duplicate", "This place is listed twice.");
        }
        if (input.Rates.Count > MaxRates) v.Add("rates", "validation.too_many", $"A zone has at most {MaxRates} rates.");
        var ids = new HashSet<Guid>();
        for (var i = 0; i < input.Rates.Count; i++) ValidateRate(v, $"rates[{i}]", input.Rates[i], storeCurrency, existingRateIds, ids);
        return v.IsValid ? null : v.ToError();
    }

    private static bool IsRestOfWorld(string? country) => country?.Trim() == RestOfWorld;

    /// <summary>The canonical rules ([] for none), or null after naming each pattern that is not a valid rule.</summary>
    private static List<string>? Postal(Validator v, string field, IReadOnlyList<string>? patterns)
    {
        if (patterns is null) return [];
        if (patterns.Count is 0 or > MaxPostalRules)
        {
            v.Add(field, "shipping.invalid_postal_rule", $"postalCodes holds 1 to {MaxPostalRules} rules; leave it out for the whole area.");
            return null;
        }
        var rules = new List<string>();
        for (var j = 0; j < patterns.Count; j++)
        {
            if (PostalRule.Parse(patterns[j]) is { } rule) rules.Add(rule.ToString());
            else v.Add($"{field}[{j}]", "shipping.invalid_postal_rule", $"'{patterns[j]}' is not a postal rule: write a code (94107, SW1A), "
                + $"a prefix (94*) or a range of codes of one length (10000-14999), letters and digits only, at most {PostalRule.MaxLength}.");
        }
        return rules.Count == patterns.Count ? [.. rules.Distinct()] : null;
    }

    /// <summary>An area as stored: country in upper case, region trimmed, postal rules canonical.</summary>
    public static ShippingArea Normalize(ShippingArea a) => new(a.Country.Trim().ToUpperInvariant(),
        string.IsNullOrWhiteSpace(a.Region) ? null : a.Region.Trim(),
        a.PostalCodes is null ? null : [.. a.PostalCodes.Select(p => PostalRule.Parse(p)!.ToString()).Distinct()]);

    private static void ValidateRate(Validator v, string field, ShippingRateInput rate, string currency, IReadOnlyCollection<Guid> existing, HashSet<Guid> ids)
    {
        v.Required($"{field}.name", rate.Name, 100);
        v.MaxLength($"{field}.carrier", rate.Carrier, 100);
        v.MaxLength($"{field}.service", rate.Service, 100);
        if (rate.Id is { } id && (!existing.Contains(id) || !ids.Add(id)))
            v.Add($"{field}.id", "shipping.unknown_rate", "id must name a rate of this zone, once; leave it out for a new rate.");
        if (rate.MinDays is { } min) v.Range($"{field}.minDays", min, 0, 365);
        if (rate.MaxDays is { } max) v.Range($"{field}.maxDays", max, 0, 365);
        if (rate is { MinDays: { } lo, MaxDays: { } hi } && lo > hi)
            v.Add($"{field}.maxDays", "validation.out_of_range", "maxDays must not be less than minDays.");
        StoreMoney(v, $"{field}.estimatedCost", rate.EstimatedCost, currency);
        var priced = rate.Kind is ShippingRateKind.Flat or ShippingRateKind.FreeAbove;
        Presence(v, $"{field}.price", rate.Price is not null, priced, rate.Kind);
        Presence(v, $"{field}.freeAbove", rate.FreeAbove is not null, rate.Kind == ShippingRateKind.FreeAbove, rate.Kind);
        Presence(v, $"{field}.bands", rate.Bands is { Count: > 0 }, !priced, rate.Kind);
        StoreMoney(v, $"{field}.price", rate.Price, currency);
        StoreMoney(v, $"{field}.freeAbove", rate.FreeAbove, currency);
        if (priced || rate.Bands is null) return;
        if (rate.Bands.Count > MaxBands) v.Add($"{field}.bands", "validation.too_many", $"A rate has at most {MaxBands} bands.");
        var bands = rate.Bands.Select((b, i) => (Band: b, Index: i)).OrderBy(b => b.Band.From).ToList();
        for (var i = 0; i < bands.Count; i++)
        {
            var (band, index) = bands[i];
            var path = $"{field}.bands[{index}]";
            if (band.From < 0 || band.From > Money.MaxAmount) v.Add($"{path}.from", "validation.out_of_range", "from must be 0 or more.");
            if (band.To is { } to && (to <= band.From || to > Money.MaxAmount)) v.Add($"{path}.to", "validation.out_of_range", "to must be greater than from.");
            StoreMoney(v, $"{path}.price", band.Price, currency);
            if (i + 1 < bands.Count && (band.To is null || band.To > bands[i + 1].Band.From))
                v.Add($"{path}.to", "shipping.overlapping_bands", $"This band overlaps the band from {bands[i + 1].Band.From}; bands run from (inclusive) to (exclusive).");
        }
    }

    private static void Presence(Validator v, string field, bool present, bool wanted, ShippingRateKind kind)
    {
        var name = kind switch { ShippingRateKind.FreeAbove => "free_above", _ => kind.ToString().ToLowerInvariant() };
        if (wanted && !present) v.Add(field, "validation.required", $"A {name} rate needs {field[(field.LastIndexOf('.') + 1)..]}.");
        if (!wanted && present) v.Add(field, "validation.not_allowed", $"A {name} rate takes no {field[(field.LastIndexOf('.') + 1)..]}.");
    }

    private static void StoreMoney(Validator v, string field, Money? money, string currency)
    {
        if (v.Amount(field, money) && money is { } m && m.Currency != currency)
            v.Add($"{field}.currency", "shipping.not_store_currency", $"Shipping prices are in the store currency, {currency}.");
    }

    public static void Apply(ShippingZone zone, ShippingZoneInput input)
    {
        zone.Name = input.Name.Trim();
        zone.Areas = [.. input.Areas.Select(Normalize)];
        var existing = zone.Rates.ToDictionary(r => r.Id);
        zone.Rates = [.. input.Rates.Select((r, i) =>
        {
            var rate = r.Id is { } id && existing.TryGetValue(id, out var old) ? old : new ShippingRate { Id = Guid.CreateVersion7(), ZoneId = zone.Id, Name = "" };
            rate.Position = i;
            rate.Name = r.Name.Trim();
            rate.Carrier = Blank(r.Carrier);
            rate.Service = Blank(r.Service);
            rate.MinDays = r.MinDays;
            rate.MaxDays = r.MaxDays;
            rate.EstimatedCost = r.EstimatedCost?.Minor;
            rate.Kind = r.Kind;
            rate.Price = r.Price?.Minor;
            rate.FreeAbove = r.FreeAbove?.Minor;
            rate.Bands = [.. (r.Bands ?? []).OrderBy(b => b.From).Select(b => new RateBand(b.From, b.To, b.Price.Minor))];
            return rate;
        })];
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static ShippingZone New() => new() { Id = TypedId.New<ShippingZoneId>(), Name = "" };

    public static ShippingZoneInput ToInput(ShippingZone z, string currency) => new(z.Name, z.Areas,
        [.. z.Rates.OrderBy(r => r.Position).Select(r => new ShippingRateInput(r.Name, r.Kind, r.Id, r.Carrier, r.Service, r.MinDays,
            r.MaxDays, M(r.EstimatedCost, currency), M(r.Price, currency), M(r.FreeAbove, currency),
            r.Kind is ShippingRateKind.Weight or ShippingRateKind.Subtotal
                ? [.. r.Bands.Select(b => new RateBandInput(b.From, new Money(b.Price, currency), b.To))] : null))]);

    private static Money? M(long? minor, string currency) => minor is { } m ? new Money(m, currency) : null;

    public static ShippingZoneResponse ToResponse(ShippingZone z, string currency)
    {
        var input = ToInput(z, currency);
        return new(z.Id, z.Name, input.Areas, input.Rates, z.CreatedAt, z.CreatedBy, z.UpdatedAt, z.UpdatedBy, z.Version);
    }
}
