using System.Globalization;
using System.Text;

namespace Runner.Analytics.Live;

/// <summary>
/// The stream's wire format (Server-Sent Events, text/event-stream in UTF-8): each change is
/// <c>id: &lt;row id&gt;</c>, <c>event: &lt;kind&gt;</c>, <c>data: &lt;json&gt;</c> and a blank line; a line starting
/// with <c>:</c> is a comment the browser ignores (the heartbeat).
/// </summary>
internal static class LiveFrames
{
    public static readonly byte[] Heartbeat = Encoding.UTF8.GetBytes(": keep-alive\n\n");

    /// <summary>One change, formatted once and sent as is to every listener.</summary>
    public static byte[] Change(LiveRow row) => Encoding.UTF8.GetBytes(Event(row.Id, row.Kind, row.Data));

    /// <summary>The reconnection hint, in milliseconds, sent first.</summary>
    public static byte[] Retry(TimeSpan delay) =>
        Encoding.UTF8.GetBytes($"retry: {((long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}\n\n");

    public static string Event(long id, string kind, string data)
    {
        var text = new StringBuilder()
            .Append("id: ").Append(id.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("event: ").Append(OneLine(kind)).Append('\n');
        // The feed's JSON is written without line breaks; anything else is split, as a data field cannot hold one.
        foreach (var line in data.ReplaceLineEndings("\n").Split('\n')) text.Append("data: ").Append(line).Append('\n');
        return text.Append('\n').ToString();
    }

    private static string OneLine(string value) => value.Replace('\r', ' ').Replace('\n', ' ');
}
