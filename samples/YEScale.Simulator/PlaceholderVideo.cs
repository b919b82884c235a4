namespace YEScale.Simulator
{
    /// <summary>The file the simulator serves as a finished video: a minimal ISO base media (MP4) header.</summary>
    public static class PlaceholderVideo
    {
        /// <summary>An <c>ftyp</c> box (brand isom) followed by an empty <c>free</c> box: players and <c>file</c> recognise it as MP4.</summary>
        public static readonly byte[] Bytes =
        {
            0x00, 0x00, 0x00, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p',
            (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0x00, 0x00, 0x02, 0x00,
            (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1',
            0x00, 0x00, 0x00, 0x08, (byte)'f', (byte)'r', (byte)'e', (byte)'e',
        };
    }
}
