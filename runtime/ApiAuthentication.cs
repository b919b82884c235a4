using System;

namespace YEScale.Toolkit
{
    /// <summary>Where a generated client puts the API key, as the OpenAPI document's security scheme says.</summary>
    public sealed class ApiAuthentication
    {
        private ApiAuthentication(ApiKeyLocation location, string? name)
        {
            Location = location;
            Name = name;
        }

        /// <summary>No authentication: the key, if set, is not sent.</summary>
        public static ApiAuthentication None { get; } = new ApiAuthentication(ApiKeyLocation.None, null);

        /// <summary><c>Authorization: Bearer &lt;key&gt;</c>.</summary>
        public static ApiAuthentication Bearer { get; } = new ApiAuthentication(ApiKeyLocation.Bearer, null);

        /// <summary>Where the key goes.</summary>
        public ApiKeyLocation Location { get; }

        /// <summary>The header or query parameter name, for <see cref="ApiKeyLocation.Header"/> and <see cref="ApiKeyLocation.Query"/>.</summary>
        public string? Name { get; }

        /// <summary>The key as the value of header <paramref name="name"/>.</summary>
        public static ApiAuthentication Header(string name) => new ApiAuthentication(ApiKeyLocation.Header, RequireName(name));

        /// <summary>The key as the value of query parameter <paramref name="name"/>.</summary>
        public static ApiAuthentication Query(string name) => new ApiAuthentication(ApiKeyLocation.Query, RequireName(name));

        private static string RequireName(string name)
            => string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A name is required.", nameof(name)) : name;
    }

    /// <summary>Where a generated client puts the API key.</summary>
    public enum ApiKeyLocation
    {
        /// <summary>Not sent.</summary>
        None,

        /// <summary>As a bearer token in the Authorization header.</summary>
        Bearer,

        /// <summary>In a named header.</summary>
        Header,

        /// <summary>In a named query parameter.</summary>
        Query,
    }
}
