using System;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace YEScale.Toolkit.Http
{
    /// <summary>Reads a transport exception for what it proves: whether the request can have reached the server.</summary>
    internal static class TransportFailures
    {
        /// <summary>
        /// True when the failure happened before the request was written: the connection was refused, the host name
        /// did not resolve, or TLS (or a proxy tunnel) failed. Only then is a non-idempotent request known to be unprocessed.
        /// </summary>
        public static bool HappenedBeforeSending(HttpRequestException exception)
        {
#if NET8_0_OR_GREATER
            switch (exception.HttpRequestError)
            {
                case HttpRequestError.NameResolutionError:
                case HttpRequestError.ConnectionError:
                case HttpRequestError.SecureConnectionError:
                case HttpRequestError.ProxyTunnelError:
                    return true;
            }
#endif
            // Older frameworks: the socket or TLS exception inside says the same.
            for (Exception? inner = exception.InnerException; inner != null; inner = inner.InnerException)
            {
                if (inner is AuthenticationException)
                {
                    return true;
                }

                if (inner is SocketException socket)
                {
                    return socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NoData
                        or SocketError.TryAgain or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.AddressNotAvailable;
                }
            }

            return false;
        }

        /// <summary>A short cause for the message: what the transport said, without its stack.</summary>
        public static string Describe(Exception exception)
        {
            var text = exception.Message;
            if (exception.InnerException is { } inner && !string.IsNullOrEmpty(inner.Message) && inner.Message != text)
            {
                text += " (" + inner.Message.TrimEnd('.') + ")";
            }

            return text.TrimEnd('.');
        }
    }
}
