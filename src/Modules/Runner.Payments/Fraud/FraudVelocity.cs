using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;

namespace Runner.Payments.Fraud;

/// <summary>
/// Attempts per card, email or IP address and minute (table <c>payments_fraud_velocity</c>): what velocity counts,
/// across host processes. A counter per minute keeps the count of the last hour a sum of at most 60 rows, however
/// many attempts one IP address (a shop's office, a carrier-grade NAT) or one card makes; counting the attempts
/// themselves grew with them.
/// </summary>
internal sealed class FraudVelocity
{
    public required string Kind { get; set; }
    public required string Subject { get; set; }
    public long Minute { get; set; }
    public int Attempts { get; set; }
}

/// <summary>The counts of the last hour, this attempt included.</summary>
internal readonly record struct VelocityCounts(int Card, int Email, int Ip);

/// <summary>
/// Counts an attempt and reads the last hour's counts: one upsert and one query, in the caller's transaction (the
/// upsert's row locks make a concurrent attempt on the same subject wait for its commit, so each count includes every
/// attempt committed before it). The hour is the current minute and the 59 before it.
/// </summary>
internal static class VelocityCounter
{
    public const string Card = "card", Email = "email", Ip = "ip";

    /// <summary>How many minutes a counter is kept: the hour velocity looks at, and one more for the clocks of other processes.</summary>
    public const int KeptMinutes = 120;

    public static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;

    public static async Task<VelocityCounts> CountAsync(RunnerDbContext db, string? fingerprint, string email, string? ip, DateTimeOffset now,
        CancellationToken ct)
    {
        var minute = MinuteOf(now);
        var subjects = new List<(string Kind, string Subject)>(3);
        if (fingerprint is not null) subjects.Add((Card, fingerprint));
        subjects.Add((Email, email));
        if (ip is not null) subjects.Add((Ip, ip));

        // One statement, rows always in the same order (card, email, ip), so two upserts never wait for each other
        // crosswise; through EF Core, so SQLite's write gate orders it with the process's other writers.
        var values = string.Join(", ", subjects.Select((_, i) => $"({{{2 * i}}}, {{{2 * i + 1}}}, {{{2 * subjects.Count}}}, 1)"));
        var parameters = subjects.SelectMany(s => new object[] { s.Kind, s.Subject }).Append(minute).ToArray();
        // The SQL holds placeholders only; every value is a parameter.
        var upsert = "INSERT INTO payments_fraud_velocity (kind, subject, minute, attempts) VALUES " + values
            + " ON CONFLICT (kind, subject, minute) DO UPDATE SET attempts = payments_fraud_velocity.attempts + 1";
        await db.Database.ExecuteSqlRawAsync(upsert, parameters, ct);

        var match = string.Join(" OR ", subjects.Select((_, i) => $"(kind = @k{i} AND subject = @s{i})"));
        await using var query = await Sql.CommandAsync(db,
            $"SELECT kind, SUM(attempts) FROM payments_fraud_velocity WHERE minute > @from AND ({match}) GROUP BY kind", ct);
        With(query, subjects).With("from", minute - 60);
        int card = 0, mail = 0, address = 0;
        await using var reader = await query.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var count = (int)Math.Min(int.MaxValue, Convert.ToInt64(reader.GetValue(1)));
            switch (reader.GetString(0))
            {
                case Card: card = count; break;
                case Email: mail = count; break;
                case Ip: address = count; break;
            }
        }
        return new VelocityCounts(card, mail, address);
    }

    private static DbCommand With(DbCommand command, List<(string Kind, string Subject)> subjects)
    {
        for (var i = 0; i < subjects.Count; i++) command.With($"k{i}", subjects[i].Kind).With($"s{i}", subjects[i].Subject);
        return command;
    }
}
