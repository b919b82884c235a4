using System;

namespace YEScale.Toolkit
{
    /// <summary>
    /// Marks an assembly that contains a client generated from an OpenAPI document. The generator of a project that
    /// references the assembly reads it to use that client instead of generating the same types again, to tell a
    /// different version of the document apart, and to register the client with dependency injection.
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
    public sealed class OpenApiClientAttribute : Attribute
    {
        /// <summary>Records <paramref name="clientType"/>, generated from the document whose text hashes to <paramref name="documentSha256"/>.</summary>
        public OpenApiClientAttribute(Type clientType, string documentSha256)
        {
            ClientType = clientType ?? throw new ArgumentNullException(nameof(clientType));
            DocumentSha256 = documentSha256 ?? throw new ArgumentNullException(nameof(documentSha256));
        }

        /// <summary>The generated client class.</summary>
        public Type ClientType { get; }

        /// <summary>SHA-256 of the document's text (UTF-8, line endings as LF), in lower-case hex.</summary>
        public string DocumentSha256 { get; }
    }
}
