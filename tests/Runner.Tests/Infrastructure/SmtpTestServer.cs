using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Runner.Tests.Infrastructure;

/// <summary>A message as the SMTP server received it: the envelope, the raw DATA and the parsed message.</summary>
public sealed record SmtpReceived(string MailFrom, IReadOnlyList<string> Recipients, string Data, MimeMessage Message,
    IReadOnlyList<string> Commands, (string User, string Password)? Login);

/// <summary>
/// A minimal plain-text SMTP server on 127.0.0.1 (a free port) for tests: EHLO/HELO, AUTH PLAIN, MAIL FROM, RCPT TO,
/// DATA (with dot-unstuffing), RSET, NOOP and QUIT. It refuses recipients whose address starts with <c>nobody@</c>.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly Task _accepting;
    private int _disposed;

    public SmtpTestServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }
    public ConcurrentQueue<SmtpReceived> Received { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _sessions.Add(ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        var commands = new List<string>();
        string? from = null;
        var recipients = new List<string>();
        (string, string)? login = null;
        try
        {
            await writer.WriteLineAsync("220 localhost Runner test SMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
                commands.Add(verb);
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost greets " + argument);
                        await writer.WriteLineAsync("250 AUTH PLAIN");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "AUTH":
                        login = await AuthenticateAsync(argument, reader, writer);
                        break;
                    case "MAIL":
                        from = Address(argument);
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.1.0 OK");
                        break;
                    case "RCPT":
                        var to = Address(argument);
                        if (to.StartsWith("nobody@", StringComparison.OrdinalIgnoreCase))
                        {
                            await writer.WriteLineAsync("550 5.1.1 No such mailbox here");
                            break;
                        }
                        recipients.Add(to);
                        await writer.WriteLineAsync("250 2.1.5 OK");
                        break;
                    case "DATA" when from is null || recipients.Count == 0:
                        await writer.WriteLineAsync("503 5.5.1 MAIL and RCPT first");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = await ReadDataAsync(reader);
                        var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.Latin1.GetBytes(data)));
                        Received.Enqueue(new SmtpReceived(from, [.. recipients], data, message, [.. commands], login));
                        from = null;
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.0.0 Queued");
                        break;
                    case "RSET":
                        from = null;
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
    }

    private static async Task<(string, string)?> AuthenticateAsync(string argument, StreamReader reader, StreamWriter writer)
    {
        var parts = argument.Split(' ', 2);
        if (!parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            await writer.WriteLineAsync("504 5.5.4 Unrecognized authentication type");
            return null;
        }
        var response = parts.Length > 1 ? parts[1] : null;
        if (response is null)
        {
            await writer.WriteLineAsync("334 ");
            response = await reader.ReadLineAsync() ?? "";
        }
        var fields = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
        await writer.WriteLineAsync("235 2.7.0 Authentication successful");
        return (fields[1], fields[2]);
    }

    private static async Task<string> ReadDataAsync(StreamReader reader)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line && line != ".")
        {
            data.Append(line.StartsWith('.') ? line[1..] : line).Append("\r\n");
        }
        return data.ToString();
    }

    /// <summary>The address in <c>FROM:&lt;a@b&gt; SIZE=…</c> or <c>TO:&lt;a@b&gt;</c>.</summary>
    private static string Address(string argument)
    {
        var start = argument.IndexOf('<');
        var end = argument.IndexOf('>', start + 1);
        return start >= 0 && end > start ? argument[(start + 1)..end] : argument;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_sessions);
        _stop.Dispose();
    }
}
