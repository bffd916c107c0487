using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SchoolMis.Benchmarks;

/// <summary>
/// An application/x-ndjson request body written as it is sent: each row becomes one JSON object and a newline in a
/// small buffer that is flushed to the socket every 64 KB, so a term of marks never exists as one string in memory.
/// The length is unknown in advance (chunked transfer encoding), as from an export tool that streams.
/// </summary>
internal sealed class NdjsonContent<T> : HttpContent
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };
    private readonly IEnumerable<T> _rows;
    private readonly Action<Utf8JsonWriter, T> _write;

    public NdjsonContent(IEnumerable<T> rows, Action<Utf8JsonWriter, T> write)
    {
        _rows = rows;
        _write = write;
        Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
    }

    public long Rows { get; private set; }
    public long Bytes { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var buffer = new ArrayBufferWriter<byte>(80 * 1024);
        await using var json = new Utf8JsonWriter(buffer, Options);
        foreach (var row in _rows)
        {
            _write(json, row);
            json.Flush();
            json.Reset(buffer);
            buffer.GetSpan(1)[0] = (byte)'\n';
            buffer.Advance(1);
            Rows++;
            if (buffer.WrittenCount >= 64 * 1024)
            {
                Bytes += buffer.WrittenCount;
                await stream.WriteAsync(buffer.WrittenMemory);
                buffer.ResetWrittenCount();
            }
        }
        Bytes += buffer.WrittenCount;
        await stream.WriteAsync(buffer.WrittenMemory);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
