using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using YEScale.Toolkit.Http;

namespace YEScale.Toolkit.Contracts
{
    /// <summary>
    /// One operation that speaks a wire contract, bound to its client's pipeline: the caller writes the request JSON of
    /// the contract and reads the answer as JSON, while the pipeline still adds the key, retries, typed errors and
    /// telemetry. Each answer also carries the generated model read from the same bytes, for callers that want it
    /// (an adapter's <c>RawRepresentation</c>).
    /// </summary>
    public sealed class WireEndpoint
    {
        private static readonly MediaTypeHeaderValue JsonType = new("application/json");

        private readonly ApiPipeline _pipeline;
        private readonly HttpMethod _method;
        private readonly string _path;
        private readonly ApiOperation _operation;
        private readonly JsonConverter<WireAnswer> _answer;
        private readonly JsonConverter<WireAnswer>? _events;

        private WireEndpoint(string contract, string providerName, ApiPipeline pipeline, HttpMethod method, string path, ApiOperation operation, JsonConverter<WireAnswer> answer, JsonConverter<WireAnswer>? events)
        {
            Contract = contract;
            ProviderName = providerName;
            _pipeline = pipeline;
            _method = method;
            _path = path;
            _operation = operation;
            _answer = answer;
            _events = events;
        }

        /// <summary>Binds an operation; generated clients call this.</summary>
        /// <param name="contract">The contract the operation speaks (one of <see cref="WireContracts"/>).</param>
        /// <param name="providerName">A short lower-case name of the service, for metadata and telemetry (<c>yescale</c>).</param>
        /// <param name="pipeline">The client's pipeline.</param>
        /// <param name="method">The HTTP method.</param>
        /// <param name="path">The path, without parameters, appended to the base address.</param>
        /// <param name="operation">The operation's descriptor.</param>
        /// <param name="answer">The generated converter of a whole answer.</param>
        /// <param name="events">The generated converter of one streamed event's data; null when the operation cannot stream.</param>
        public static WireEndpoint Create<TAnswer, TEvent>(string contract, string providerName, ApiPipeline pipeline, HttpMethod method, string path, ApiOperation operation, JsonConverter<TAnswer> answer, JsonConverter<TEvent>? events)
            => new(
                contract ?? throw new ArgumentNullException(nameof(contract)),
                providerName ?? throw new ArgumentNullException(nameof(providerName)),
                pipeline ?? throw new ArgumentNullException(nameof(pipeline)),
                method ?? throw new ArgumentNullException(nameof(method)),
                path ?? throw new ArgumentNullException(nameof(path)),
                operation ?? throw new ArgumentNullException(nameof(operation)),
                new WireAnswerConverter<TAnswer>(answer ?? throw new ArgumentNullException(nameof(answer))),
                events is null ? null : new WireAnswerConverter<TEvent>(events));

        /// <summary>The contract the operation speaks.</summary>
        public string Contract { get; }

        /// <summary>The operationId of the bound operation.</summary>
        public string OperationId => _operation.OperationId;

        /// <summary>The operation's path, appended to the base address.</summary>
        public string Path => _path;

        /// <summary>A short lower-case name of the service (<c>yescale</c>).</summary>
        public string ProviderName { get; }

        /// <summary>The address requests go to.</summary>
        public Uri BaseAddress => _pipeline.BaseAddress;

        /// <summary>True when the operation can answer a stream of events.</summary>
        public bool CanStream => _events != null;

        /// <summary>Sends <paramref name="utf8Json"/> as the body and reads the whole answer.</summary>
        /// <exception cref="ApiException">The server refused the call or answered something that is not JSON.</exception>
        public async Task<WireAnswer> SendAsync(ReadOnlyMemory<byte> utf8Json, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            using var request = CreateRequest(utf8Json, "application/json", options);
            return await _pipeline.SendAsync(request, _answer, _operation, null, options, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Sends <paramref name="utf8Json"/> (which must ask to stream, as the contract says) and yields each event as it arrives.</summary>
        /// <exception cref="NotSupportedException">The operation cannot stream.</exception>
        public async IAsyncEnumerable<WireAnswer> StreamAsync(ReadOnlyMemory<byte> utf8Json, RequestOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var events = _events ?? throw new NotSupportedException(_operation.OperationId + " cannot answer a stream of events.");
            using var request = CreateRequest(utf8Json, "text/event-stream", options);
            await foreach (var item in _pipeline.StreamEventsAsync(request, events, _operation, null, options, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }

        private HttpRequestMessage CreateRequest(ReadOnlyMemory<byte> utf8Json, string accept, RequestOptions? options)
        {
            var uri = _pipeline.CreateUri().AppendPath(_path);
            var request = _pipeline.CreateRequest(_method, uri, accept, options);
            // The pipeline's own JSON body type, so telemetry reads the model from it as from any generated call.
            var content = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(utf8Json, out var segment) && segment.Offset == 0
                ? new ApiPipeline.JsonBodyContent(segment.Array!, segment.Count)
                : new ApiPipeline.JsonBodyContent(utf8Json.ToArray(), utf8Json.Length);
            content.Headers.ContentType = JsonType;
            request.Content = content;
            return request;
        }

        /// <summary>Reads one answer twice from the same bytes: as a JSON document, and as the generated model.</summary>
        private sealed class WireAnswerConverter<TModel> : JsonConverter<WireAnswer>
        {
            private readonly JsonConverter<TModel> _model;

            public WireAnswerConverter(JsonConverter<TModel> model) => _model = model;

            public override WireAnswer Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                // Utf8JsonReader is a struct: the copy reads the same bytes again, from the same token.
                var copy = reader;
                var model = _model.Read(ref copy, typeof(TModel), options);
                return new WireAnswer(JsonDocument.ParseValue(ref reader), model);
            }

            public override void Write(Utf8JsonWriter writer, WireAnswer value, JsonSerializerOptions options) => value.Json.WriteTo(writer);
        }
    }

    /// <summary>One answer of a <see cref="WireEndpoint"/>: its JSON, and the generated model read from it. Dispose it when done with <see cref="Json"/>.</summary>
    public sealed class WireAnswer : IDisposable
    {
        private readonly JsonDocument _document;

        internal WireAnswer(JsonDocument document, object? model)
        {
            _document = document;
            Model = model;
        }

        /// <summary>The answer's JSON; valid until the answer is disposed.</summary>
        public JsonElement Json => _document.RootElement;

        /// <summary>The generated model of the answer (ChatCompletion, ChatCompletionChunk...), independent of <see cref="Json"/>'s lifetime.</summary>
        public object? Model { get; }

        /// <inheritdoc />
        public void Dispose() => _document.Dispose();
    }
}
