using Runner.Inventory.Contracts;
using Runner.Kernel.Reference;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Inventory.Locations;

/// <summary>The rules a location's fields follow, shared by create and merge-patch, and the change they make.</summary>
internal static class LocationRules
{
    public const int MaxPriority = 1000;
    public const int MaxChannels = 100;

    /// <summary>Checks the request; on success returns the channels the location will fulfil (the default channel when none are given).</summary>
    public static async Task<Result<IReadOnlyList<ChannelId>>> ValidateAsync(CreateLocationRequest r, IStoreQueries store, CancellationToken ct)
    {
        var v = new Validator();
        v.Required("name", r.Name, 200);
        v.Range("priority", r.Priority, 0, MaxPriority);
        if (r.Address is { } a)
        {
            if (!Countries.IsKnown(a.CountryCode))
                v.Add("address.countryCode", "inventory.unknown_country", $"'{a.CountryCode}' is not an ISO 3166-1 alpha-2 country code.");
            v.MaxLength("address.line1", a.Line1, 200);
            v.MaxLength("address.line2", a.Line2, 200);
            v.MaxLength("address.city", a.City, 100);
            v.MaxLength("address.region", a.Region, 100);
            v.MaxLength("address.postalCode", a.PostalCode, 20);
        }
        IReadOnlyList<ChannelId> channels = r.Channels ?? [(await store.GetDefaultChannelAsync(ct)).Id];
        if (channels.Count > MaxChannels)
            v.Add("channels", "validation.too_many", $"A location fulfils at most {MaxChannels} channels.");
        else if (channels.Count > 0)
        {
            var found = (await store.FindChannelsAsync(channels, ct)).Select(c => c.Id).ToHashSet();
            for (var i = 0; i < channels.Count; i++)
                if (!found.Contains(channels[i])) v.Add($"channels[{i}]", "inventory.unknown_channel", "No active sales channel has this id.");
        }
        return v.IsValid ? Result<IReadOnlyList<ChannelId>>.Ok([.. channels.Distinct()]) : v.ToError();
    }

    public static void Apply(Location location, CreateLocationRequest r, IReadOnlyList<ChannelId> channels)
    {
        location.Name = r.Name.Trim();
        location.Kind = r.Kind;
        location.Priority = r.Priority;
        var a = r.Address;
        location.CountryCode = a?.CountryCode.ToUpperInvariant();
        location.AddressLine1 = Clean(a?.Line1);
        location.AddressLine2 = Clean(a?.Line2);
        location.City = Clean(a?.City);
        location.Region = Clean(a?.Region);
        location.PostalCode = Clean(a?.PostalCode);
        location.Channels.RemoveAll(c => !channels.Contains(c.ChannelId));
        foreach (var channel in channels.Where(c => location.Channels.All(x => x.ChannelId != c)))
            location.Channels.Add(new LocationChannel { LocationId = location.Id, ChannelId = channel });
    }

    public static LocationResponse ToResponse(Location l) => new(l.Id, l.Name, l.Kind, l.Priority, l.Address,
        [.. l.Channels.Select(c => c.ChannelId).OrderBy(c => c.Value)], l.CreatedAt, l.UpdatedAt, l.ArchivedAt);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
