using System;

namespace YEScale.Simulator
{
    /// <summary>Tiny real files (players and decoders open them) the simulator serves as task results and binary answers, chosen by extension or content type.</summary>
    public static class PlaceholderFiles
    {
        /// <summary>A 1×1 transparent PNG: signature, IHDR, one IDAT and IEND, with correct CRCs.</summary>
        public static readonly byte[] Png =
        {
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
            0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89,
            0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4,
            0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
        };

        /// <summary>A real MP3 that players open: one second of a 440 Hz tone, mono, 32 kbit/s, 4.4 KB (Media/result.mp3).</summary>
        public static readonly byte[] Mp3 = Embedded("result.mp3");

        /// <summary>Bytes for anything else.</summary>
        public static readonly byte[] Binary = "YEScale simulator placeholder\n"u8.ToArray();

        /// <summary>The content type and bytes served for a result file with this extension (without the dot).</summary>
        public static (string ContentType, byte[] Bytes) ForExtension(string extension) => extension.ToLowerInvariant() switch
        {
            "mp4" => ("video/mp4", PlaceholderVideo.Bytes),
            "png" or "jpg" or "jpeg" or "webp" or "gif" => ("image/png", Png),
            "mp3" => ("audio/mpeg", Mp3),
            _ => ("application/octet-stream", Binary),
        };

        /// <summary>Bytes that fit a binary content type (<c>audio/mpeg</c>, <c>image/png</c>, <c>video/mp4</c>...).</summary>
        public static byte[] ForContentType(string contentType)
        {
            var type = contentType.Split(';')[0].Trim().ToLowerInvariant();
            if (type.StartsWith("image/", StringComparison.Ordinal))
            {
                return Png;
            }

            if (type.StartsWith("audio/", StringComparison.Ordinal))
            {
                return Mp3;
            }

            return type.StartsWith("video/", StringComparison.Ordinal) ? PlaceholderVideo.Bytes : Binary;
        }

        /// <summary>A media file embedded in this assembly (see the project file).</summary>
        internal static byte[] Embedded(string name)
        {
            using var stream = typeof(PlaceholderFiles).Assembly.GetManifestResourceStream("media/" + name)
                ?? throw new InvalidOperationException($"The media file '{name}' is missing from the simulator assembly.");
            using var copy = new System.IO.MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
