using Runner.Kernel;

namespace Runner.Payments.Gateways;

/// <summary>
/// A card fee: <see cref="PercentBasisPoints"/> of the amount (290 = 2.9 %) plus <see cref="FixedMinor"/> minor units
/// of the payment's currency. This is the one place a fee is rounded: the percentage part rounds half away from zero
/// to a whole minor unit (<see cref="Rounding"/>), then the fixed part is added. A fee never exceeds the amount.
/// </summary>
internal readonly record struct FeeModel(int PercentBasisPoints, long FixedMinor)
{
    public Money On(Money amount)
    {
        if (amount.Minor <= 0) return Money.Zero(amount.Currency);
        var percent = Rounding.ToMinor((decimal)amount.Minor * PercentBasisPoints / 10_000m);
        return new Money(Math.Min(amount.Minor, checked(percent + FixedMinor)), amount.Currency);
    }
}
