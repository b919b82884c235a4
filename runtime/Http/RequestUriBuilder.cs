using System;
using System.Collections.Generic;
using System.Text;

namespace YEScale.Toolkit.Http
{
    /// <summary>
    /// Builds a request URI from the base address, the path template's literal parts and escaped parameter values.
    /// A parameter value always stays one path segment or one query value, whatever characters it holds.
    /// </summary>
    public sealed class RequestUriBuilder
    {
        private readonly StringBuilder _uri;
        private readonly StringBuilder _query = new StringBuilder();

        // The query a path key of the document writes itself (/responses?beta=true): each pair's name and escaped text.
        private List<(string Name, string Pair)>? _pathQuery;

        /// <summary>Starts at <paramref name="baseAddress"/>; paths are appended to its path, not substituted for it.</summary>
        public RequestUriBuilder(Uri baseAddress)
        {
            if (baseAddress is null)
            {
                throw new ArgumentNullException(nameof(baseAddress));
            }

            var text = baseAddress.GetLeftPart(UriPartial.Path);
            _uri = new StringBuilder(text, text.Length + 64);
            while (_uri.Length > 0 && _uri[_uri.Length - 1] == '/')
            {
                _uri.Length--;
            }
        }

        /// <summary>
        /// Appends literal path text from the OpenAPI document, escaping what a path may not hold. A <c>?</c> starts the
        /// query the document writes into the path key (<c>/responses?beta=true</c>): its pairs are sent as query pairs,
        /// before the operation's parameters, unless a parameter of the same name is appended (see <see cref="AppendQuery(string, string)"/>).
        /// </summary>
        public RequestUriBuilder AppendPath(string path)
        {
            var query = (path ?? throw new ArgumentNullException(nameof(path))).IndexOf('?');
            Append(_uri, query < 0 ? path : path.Substring(0, query), c => IsUnreserved(c) || c == '/' || IsSubDelimiter(c) || c == ':' || c == '@');
            if (query >= 0)
            {
                _pathQuery ??= new List<(string, string)>();
                foreach (var pair in path.Substring(query + 1).Split('&'))
                {
                    if (pair.Length > 0)
                    {
                        // Kept as written (percent-escapes included), with only what a query may not hold escaped.
                        var text = new StringBuilder(pair.Length);
                        Append(text, pair, c => IsUnreserved(c) || IsSubDelimiter(c) || c == ':' || c == '@' || c == '/' || c == '?' || c == '%');
                        var equals = pair.IndexOf('=');
                        _pathQuery.Add((Uri.UnescapeDataString(equals < 0 ? pair : pair.Substring(0, equals)), text.ToString()));
                    }
                }
            }

            return this;
        }

        /// <summary>Appends a parameter value as exactly one path segment: <c>/</c>, <c>?</c>, <c>#</c>, spaces and the like are escaped.</summary>
        /// <exception cref="ArgumentException">The value is empty, "." or "..", which no URI can carry as a segment.</exception>
        public RequestUriBuilder AppendPathSegment(string value)
        {
            if (value is null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            // "", "." and ".." cannot be one segment: URI normalization on either side of the wire removes dot segments
            // even when escaped, so the request would reach another resource. Refuse rather than send it elsewhere.
            if (value.Length == 0 || value == "." || value == "..")
            {
                throw new ArgumentException($"The value '{value}' cannot be sent as a path segment.", nameof(value));
            }

            Append(_uri, value, IsUnreserved);
            return this;
        }

        /// <summary>
        /// Appends <c>name=value</c> to the query, both escaped. When the path key's own query has a pair of that name,
        /// the parameter replaces it: a value the caller gives wins over the document's fixed one and the server never
        /// sees the name twice; a parameter left out (null) leaves the fixed pair in place.
        /// </summary>
        public RequestUriBuilder AppendQuery(string name, string value)
        {
            _pathQuery?.RemoveAll(pair => pair.Name == name);
            _query.Append(_query.Length > 0 ? "&" : string.Empty).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? string.Empty));
            return this;
        }

        /// <summary>
        /// Appends a query parameter whose value is structured (an object, a union, a list of non-scalars), following
        /// OpenAPI's styles: scalars as <c>name=value</c>; arrays repeated (<paramref name="explode"/>) or comma-joined;
        /// objects as <c>key=value</c> per member (exploded form), <c>name=k,v,...</c> (form), or <c>name[key]=value</c> (deepObject).
        /// </summary>
        public RequestUriBuilder AppendQuery(string name, System.Text.Json.JsonElement value, bool explode = true, bool deepObject = false)
        {
            switch (value.ValueKind)
            {
                case System.Text.Json.JsonValueKind.Undefined:
                case System.Text.Json.JsonValueKind.Null:
                    return this;
                case System.Text.Json.JsonValueKind.Array:
                    var items = new System.Collections.Generic.List<string>();
                    foreach (var item in value.EnumerateArray())
                    {
                        if (item.ValueKind != System.Text.Json.JsonValueKind.Null)
                        {
                            items.Add(Scalar(item));
                        }
                    }

                    if (explode)
                    {
                        items.ForEach(item => AppendQuery(name, item));
                    }
                    else if (items.Count > 0)
                    {
                        AppendQuery(name, string.Join(",", items));
                    }

                    return this;
                case System.Text.Json.JsonValueKind.Object:
                    var pairs = new System.Collections.Generic.List<string>();
                    foreach (var member in value.EnumerateObject())
                    {
                        if (member.Value.ValueKind == System.Text.Json.JsonValueKind.Null)
                        {
                            continue;
                        }

                        if (deepObject)
                        {
                            AppendQuery(name + "[" + member.Name + "]", Scalar(member.Value));
                        }
                        else if (explode)
                        {
                            AppendQuery(member.Name, Scalar(member.Value));
                        }
                        else
                        {
                            pairs.Add(member.Name);
                            pairs.Add(Scalar(member.Value));
                        }
                    }

                    if (pairs.Count > 0)
                    {
                        AppendQuery(name, string.Join(",", pairs));
                    }

                    return this;
                default:
                    return AppendQuery(name, Scalar(value));
            }
        }

        /// <summary>A JSON value as query text: strings unquoted, numbers and booleans as written, anything else as JSON.</summary>
        private static string Scalar(System.Text.Json.JsonElement value) => value.ValueKind switch
        {
            System.Text.Json.JsonValueKind.String => value.GetString() ?? string.Empty,
            System.Text.Json.JsonValueKind.True => "true",
            System.Text.Json.JsonValueKind.False => "false",
            _ => value.GetRawText(),
        };

        /// <summary>The URI built so far.</summary>
        public Uri ToUri() => new Uri(ToString(), UriKind.Absolute);

        /// <inheritdoc />
        public override string ToString()
        {
            var fixedPairs = _pathQuery is { Count: > 0 } ? string.Join("&", _pathQuery.ConvertAll(pair => pair.Pair)) : string.Empty;
            if (fixedPairs.Length == 0 && _query.Length == 0)
            {
                return _uri.ToString();
            }

            return _uri + "?" + fixedPairs + (fixedPairs.Length > 0 && _query.Length > 0 ? "&" : string.Empty) + _query;
        }

        /// <summary>Appends <paramref name="value"/> to <paramref name="target"/>, percent-encoding (as UTF-8) every run of characters <paramref name="keep"/> rejects.</summary>
        private static void Append(StringBuilder target, string value, Func<char, bool> keep)
        {
            var runStart = -1;
            for (var i = 0; i < value.Length; i++)
            {
                if (keep(value[i]))
                {
                    if (runStart >= 0)
                    {
                        AppendEscaped(target, value.Substring(runStart, i - runStart));
                        runStart = -1;
                    }

                    target.Append(value[i]);
                }
                else if (runStart < 0)
                {
                    runStart = i;
                }
            }

            if (runStart >= 0)
            {
                AppendEscaped(target, value.Substring(runStart));
            }
        }

        private static void AppendEscaped(StringBuilder target, string text)
        {
            foreach (var b in Encoding.UTF8.GetBytes(text))
            {
                target.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        private const string HexDigits = "0123456789ABCDEF";

        private static bool IsUnreserved(char c)
            => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';

        private static bool IsSubDelimiter(char c)
            => c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == ';' || c == '=';
    }
}
