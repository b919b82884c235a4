using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;

namespace YEScale.Toolkit.Json
{
    /// <summary>
    /// What every generated model has, held once here instead of written into each: the members the document does not
    /// describe (kept on read, written back), and which members are an explicit JSON null.
    /// </summary>
    public abstract class ApiModel
    {
        private IDictionary<string, JsonElement>? _additionalProperties;

        /// <summary>
        /// Which members are an explicit JSON null: read as null, or a nullable member set to null. For the generated
        /// converters and setters; read it with <see cref="IsJsonNull"/>.
        /// </summary>
        [EditorBrowsable(EditorBrowsableState.Never)]
        public JsonNulls JsonNulls__;

        /// <summary>
        /// Members the server sent that the OpenAPI document does not describe, as JSON. They are written back when the
        /// object is serialized, so a field added to the API yesterday can be read today and survives a round trip.
        /// </summary>
        public IDictionary<string, JsonElement> AdditionalProperties
        {
            get => _additionalProperties ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            set => _additionalProperties = value;
        }

        /// <summary>True when <see cref="AdditionalProperties"/> holds anything; reading it does not create the dictionary.</summary>
        public bool HasAdditionalProperties => _additionalProperties is { Count: > 0 };

        /// <summary>True when the JSON member named <paramref name="jsonName"/> is an explicit null (sent or to be sent as null), false when it holds a value or is absent.</summary>
        public bool IsJsonNull(string jsonName) => JsonNulls__.Contains(jsonName);

        /// <summary>
        /// The type name and the JSON the model would be saved as (every member it holds), cut after 2,000 characters:
        /// <c>ModelInfo {"id":"gpt-4o-mini","object":"model","created":1721172741}</c>. For logs and the debugger; to
        /// save a model, use <see cref="ModelJson.Serialize{T}(T)"/>.
        /// </summary>
        public override string ToString() => ModelJson.Describe(this, 2000);
    }
}
