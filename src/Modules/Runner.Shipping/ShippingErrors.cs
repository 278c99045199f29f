using Runner.Kernel.Results;

namespace Runner.Shipping;

/// <summary>Shipping's refusals, each with its stable code.</summary>
internal static class ShippingErrors
{
    public static Error ZoneNotFound() => Error.NotFound("shipping.zone_not_found", "No shipping zone has this id.");

    public static Error AreaTaken(int index, string area, string zone) => new("shipping.area_in_another_zone",
        $"{area} is already in the shipping zone '{zone}'; a place belongs to one zone.", ErrorKind.Conflict,
        new Dictionary<string, string[]> { [$"areas[{index}]"] = [$"{area} is in '{zone}'."] });
}
