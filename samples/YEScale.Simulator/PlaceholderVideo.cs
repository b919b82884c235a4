namespace YEScale.Simulator
{
    /// <summary>The file the simulator serves as a finished video.</summary>
    public static class PlaceholderVideo
    {
        /// <summary>
        /// A real MP4 that players open: one second of a plain 64x64 picture, H.264 at 8 frames a second, 1.8 KB
        /// (Media/result.mp4, made with ffmpeg; see Media/README.md).
        /// </summary>
        public static readonly byte[] Bytes = PlaceholderFiles.Embedded("result.mp4");
    }
}
