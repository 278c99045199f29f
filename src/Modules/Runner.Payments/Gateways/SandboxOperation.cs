using Runner.Kernel;
using Runner.Payments.Contracts;

namespace Runner.Payments.Gateways;

/// <summary>
/// What the sandbox did for one idempotency key (table <c>payments_sandbox_operations</c>): the sandbox's own books,
/// as a real gateway keeps them on its side. A repeated key answers this outcome again; a lookup reads it.
/// </summary>
internal sealed class SandboxOperation
{
    public required string Key { get; set; }
    public required string Kind { get; set; }
    public GatewayStatus Status { get; set; }
    public string? Reference { get; set; }
    public long Fee { get; set; }
    public required string Currency { get; set; }
    public string? Code { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset At { get; set; }

    public GatewayResult ToResult() => new(Status, Reference, new Money(Fee, Currency), Code, Message);

    public static SandboxOperation Of(string key, string kind, GatewayResult result, DateTimeOffset at) => new()
    {
        Key = key, Kind = kind, Status = result.Status, Reference = result.Reference, Fee = result.Fee.Minor,
        Currency = result.Fee.Currency, Code = result.Code, Message = result.Message, At = at,
    };
}
