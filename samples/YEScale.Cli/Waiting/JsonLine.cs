using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace YEScale.Cli.Waiting
{
    /// <summary>Writes one JSON object per line with Utf8JsonWriter: no reflection, so nothing stands in the way of Native AOT.</summary>
    internal static class JsonLine
    {
        // Lines for programs and terminals, not HTML: quotes and '+' stay as they are ('yescale resume', +00:00).
        private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static void Write(TextWriter output, string kind, Action<Utf8JsonWriter> members)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, Options))
            {
                writer.WriteStartObject();
                writer.WriteString("event", kind);
                members(writer);
                writer.WriteEndObject();
            }

            output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }

        public static void WriteIfSet(this Utf8JsonWriter writer, string name, string? value)
        {
            if (value != null)
            {
                writer.WriteString(name, value);
            }
        }

        /// <summary>Seconds with millisecond precision: enough for a display, short to read.</summary>
        public static void WriteSeconds(this Utf8JsonWriter writer, string name, TimeSpan value) =>
            writer.WriteNumber(name, Math.Round(value.TotalSeconds, 3));
    }
}
