using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Http
{
    /// <summary>
    /// A response body read whole into an array rented from <see cref="ArrayPool{T}.Shared"/>: the JSON reader needs the
    /// bytes only until the model is built, so the array goes back to the pool instead of becoming garbage on every call.
    /// Dispose exactly once, and do not keep <see cref="Segment"/> past it.
    /// </summary>
    internal readonly struct PooledBody : IDisposable
    {
        /// <summary>The most a Content-Length header may make us rent up front; a larger body grows into it as it arrives.</summary>
        private const int MaxFirstRent = 1024 * 1024;

        private readonly byte[] _array;

        private PooledBody(byte[] array, int length)
        {
            _array = array;
            Length = length;
        }

        public int Length { get; }

        public ArraySegment<byte> Segment => new(_array, 0, Length);

        /// <summary>Reads <paramref name="stream"/> to its end; <paramref name="contentLength"/> sizes the first rent.</summary>
        public static async Task<PooledBody> ReadAsync(Stream stream, long? contentLength, CancellationToken cancellationToken)
        {
            // One byte more than announced, so the read that finds the end does not have to grow the array first.
            var buffer = ArrayPool<byte>.Shared.Rent(contentLength is > 0 and < MaxFirstRent ? (int)contentLength.Value + 1 : 4096);
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        buffer = Grow(buffer, length);
                    }

                    var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return new PooledBody(buffer, length);
                    }

                    length += read;
                }
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        public byte[] ToArray() => Segment.AsSpan().ToArray();

        public void Dispose() => ArrayPool<byte>.Shared.Return(_array);

        private static byte[] Grow(byte[] buffer, int length)
        {
            if (buffer.Length >= int.MaxValue / 2)
            {
                throw new InvalidDataException("The response body is larger than 1 GB.");
            }

            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, larger, 0, length);
            ArrayPool<byte>.Shared.Return(buffer);
            return larger;
        }
    }
}
