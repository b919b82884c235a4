using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using YEScale.Toolkit.Http;

namespace YEScale.Toolkit.Diagnostics
{
    /// <summary>
    /// One call's span and measurements: created only when something listens (<see cref="ToolkitTelemetry.CallsObserved"/>),
    /// so an unobserved call pays one check. Carries method, route template, server, status, resends and error type;
    /// never the key, a header, a query value or a body. For OpenAI-style chat and embeddings routes it also reads the
    /// model and token usage out of the bodies, and only when a span is recorded or a gen_ai instrument is enabled.
    /// </summary>
    internal sealed class CallTelemetry
    {
        private static readonly string[] KnownMethods = { "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "QUERY" };

        private readonly ApiOperation _operation;
        private readonly Activity? _activity;
        private readonly string _method;
        private readonly string? _serverAddress;
        private readonly int _serverPort;
        private readonly long _started;
        private readonly bool _readsBodies;
        private int _status;
        private int _attempts;
        private string? _errorType;
        private string? _requestModel;
        private string? _responseModel;
        private string? _responseId;
        private long? _inputTokens;
        private long? _outputTokens;
        private bool _ended;

        private CallTelemetry(ApiOperation operation, HttpRequestMessage request)
        {
            _operation = operation;
            _started = Stopwatch.GetTimestamp();
            var original = request.Method.Method;
            _method = Array.IndexOf(KnownMethods, original) >= 0 ? original : "_OTHER";
            if (request.RequestUri is { IsAbsoluteUri: true } uri)
            {
                _serverAddress = uri.Host;
                _serverPort = uri.Port;
            }

            _activity = ToolkitTelemetry.Source.StartActivity(operation.SpanName, ActivityKind.Client);
            var recorded = _activity is { IsAllDataRequested: true };
            _readsBodies = operation.GenAiOperation != null
                && (recorded || ToolkitTelemetry.TokenUsage.Enabled || ToolkitTelemetry.OperationDuration.Enabled);
            if (_readsBodies && request.Content is ApiPipeline.JsonBodyContent json)
            {
                _requestModel = ReadModel(json.Bytes);
            }

            if (!recorded)
            {
                return;
            }

            var activity = _activity!;
            activity.SetTag(SemanticConventions.HttpRequestMethod, _method);
            if (!ReferenceEquals(_method, original))
            {
                activity.SetTag(SemanticConventions.HttpRequestMethodOriginal, original);
            }

            if (operation.RouteTemplate != null)
            {
                activity.SetTag(SemanticConventions.UrlTemplate, operation.RouteTemplate);
            }

            if (_serverAddress != null)
            {
                activity.SetTag(SemanticConventions.ServerAddress, _serverAddress);
                activity.SetTag(SemanticConventions.ServerPort, _serverPort);
            }

            activity.SetTag(SemanticConventions.OperationId, operation.OperationId);
            if (operation.GenAiOperation != null)
            {
                activity.SetTag(SemanticConventions.GenAiOperationName, operation.GenAiOperation);
                activity.SetTag(SemanticConventions.GenAiProviderName, SemanticConventions.Provider);
                if (_requestModel != null)
                {
                    activity.SetTag(SemanticConventions.GenAiRequestModel, _requestModel);
                }
            }
        }

        /// <summary>The call's telemetry, or null when nothing listens.</summary>
        public static CallTelemetry? Start(ApiOperation operation, HttpRequestMessage request)
            => ToolkitTelemetry.CallsObserved ? new CallTelemetry(operation, request) : null;

        /// <summary>True when the answers' model and usage are wanted (a gen_ai route, observed).</summary>
        public bool ReadsBodies => _readsBodies;

        /// <summary>A try begins; returns its start, for its duration.</summary>
        public long TryStarting()
        {
            _attempts++;
            return Stopwatch.GetTimestamp();
        }

        /// <summary>A try's answer arrived (its headers): one <c>http.client.request.duration</c> measurement.</summary>
        public void Answered(HttpResponseMessage response, long tryStarted)
        {
            _status = (int)response.StatusCode;
            if (ToolkitTelemetry.RequestDuration.Enabled)
            {
                var tags = RequestTags();
                tags.Add(SemanticConventions.HttpResponseStatusCode, _status);
                if (_status >= 400)
                {
                    tags.Add(SemanticConventions.ErrorType, StatusText(_status));
                }

                ToolkitTelemetry.RequestDuration.Record(Seconds(tryStarted), tags);
            }
        }

        /// <summary>A try that got no answer: its measurement carries the failure's type instead of a status.</summary>
        public void NotAnswered(ApiException failure, long tryStarted)
        {
            if (ToolkitTelemetry.RequestDuration.Enabled)
            {
                var tags = RequestTags();
                tags.Add(SemanticConventions.ErrorType, ErrorTypeOf(failure));
                ToolkitTelemetry.RequestDuration.Record(Seconds(tryStarted), tags);
            }
        }

        /// <summary>A try failed and the call is repeated after <paramref name="delay"/>: a span event and a retry count.</summary>
        public void Retrying(int attempt, TimeSpan delay, ApiException failure)
        {
            var errorType = ErrorTypeOf(failure);
            if (_activity is { IsAllDataRequested: true } activity)
            {
                var tags = new ActivityTagsCollection
                {
                    { SemanticConventions.RetryAttempt, attempt },
                    { SemanticConventions.RetryDelay, delay.TotalSeconds },
                    { SemanticConventions.ErrorType, errorType },
                };
                if (failure.Status > 0)
                {
                    tags.Add(SemanticConventions.HttpResponseStatusCode, failure.Status);
                }

                activity.AddEvent(new ActivityEvent(SemanticConventions.RetryEvent, default, tags));
            }

            if (ToolkitTelemetry.Retries.Enabled)
            {
                var tags = RequestTags();
                tags.Add(SemanticConventions.OperationId, _operation.OperationId);
                tags.Add(SemanticConventions.ErrorType, errorType);
                ToolkitTelemetry.Retries.Add(1, tags);
            }
        }

        /// <summary>Reads the model, id and token usage of a whole JSON answer (<see cref="ReadsBodies"/> only).</summary>
        public void ReadAnswer(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json);
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("model"))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            _responseModel = reader.GetString();
                        }
                    }
                    else if (reader.ValueTextEquals("id"))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            _responseId = reader.GetString();
                        }
                    }
                    else if (reader.ValueTextEquals("usage"))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            ReadUsage(ref reader);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON the converter can read either: the call's own failure says so.
            }
        }

        /// <summary>
        /// Reads one event of a streamed answer: the first names the model, the last (with OpenAI's
        /// <c>stream_options.include_usage</c>) carries the usage; events in between are not parsed.
        /// </summary>
        public void ReadEvent(ReadOnlySpan<byte> data)
        {
            if (_responseModel is null || data.IndexOf(UsageMember) >= 0)
            {
                ReadAnswer(data);
            }
        }

        /// <summary>The call failed with <paramref name="exception"/>: its span ends with it as the error type.</summary>
        public void Failed(Exception exception) => _errorType ??= ErrorTypeOf(exception);

        /// <summary>Ends the span (once) and records the gen_ai measurements.</summary>
        public void End()
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            if (_operation.GenAiOperation != null)
            {
                RecordGenAi();
            }

            if (_activity is not { } activity)
            {
                return;
            }

            if (activity.IsAllDataRequested)
            {
                if (_status > 0)
                {
                    activity.SetTag(SemanticConventions.HttpResponseStatusCode, _status);
                }

                if (_attempts > 1)
                {
                    activity.SetTag(SemanticConventions.HttpRequestResendCount, _attempts - 1);
                }

                if (_responseModel != null)
                {
                    activity.SetTag(SemanticConventions.GenAiResponseModel, _responseModel);
                }

                if (_responseId != null)
                {
                    activity.SetTag(SemanticConventions.GenAiResponseId, _responseId);
                }

                if (_inputTokens is { } input)
                {
                    activity.SetTag(SemanticConventions.GenAiUsageInputTokens, input);
                }

                if (_outputTokens is { } output)
                {
                    activity.SetTag(SemanticConventions.GenAiUsageOutputTokens, output);
                }

                if (_errorType != null)
                {
                    activity.SetTag(SemanticConventions.ErrorType, _errorType);
                }
            }

            if (_errorType != null)
            {
                activity.SetStatus(ActivityStatusCode.Error, _errorType);
            }

            activity.Dispose();
        }

        /// <summary>
        /// The <c>error.type</c> of a failure: the status code of an HTTP error answer, else the exception's type (a
        /// timeout, no answer, an unreadable or refused answer). Never a message.
        /// </summary>
        internal static string ErrorTypeOf(Exception exception) => exception switch
        {
            TaskMayExistException { InnerException: { } inner } => ErrorTypeOf(inner),
            ApiConnectionException or ApiTimeoutException => TypeName(exception),
            ApiException { Status: >= 400 } api => StatusText(api.Status),
            _ => TypeName(exception),
        };

        /// <summary>The exception's type by namespace and name; a generic one without its type arguments.</summary>
        private static string TypeName(Exception exception)
        {
            var type = exception.GetType();
            var name = type.Name;
            var tick = name.IndexOf('`');
            if (tick > 0)
            {
                name = name.Substring(0, tick);
            }

            return type.Namespace is { Length: > 0 } space ? space + "." + name : name;
        }

        private void RecordGenAi()
        {
            var tokens = ToolkitTelemetry.TokenUsage.Enabled && (_inputTokens != null || _outputTokens != null);
            if (!tokens && !ToolkitTelemetry.OperationDuration.Enabled)
            {
                return;
            }

            var tags = new TagList
            {
                { SemanticConventions.GenAiOperationName, _operation.GenAiOperation },
                { SemanticConventions.GenAiProviderName, SemanticConventions.Provider },
            };
            if (_requestModel != null)
            {
                tags.Add(SemanticConventions.GenAiRequestModel, _requestModel);
            }

            if (_responseModel != null)
            {
                tags.Add(SemanticConventions.GenAiResponseModel, _responseModel);
            }

            if (_serverAddress != null)
            {
                tags.Add(SemanticConventions.ServerAddress, _serverAddress);
                tags.Add(SemanticConventions.ServerPort, _serverPort);
            }

            if (tokens)
            {
                if (_inputTokens is { } input)
                {
                    var inputTags = tags;
                    inputTags.Add(SemanticConventions.GenAiTokenType, "input");
                    ToolkitTelemetry.TokenUsage.Record(input, inputTags);
                }

                if (_outputTokens is { } output)
                {
                    var outputTags = tags;
                    outputTags.Add(SemanticConventions.GenAiTokenType, "output");
                    ToolkitTelemetry.TokenUsage.Record(output, outputTags);
                }
            }

            if (ToolkitTelemetry.OperationDuration.Enabled)
            {
                if (_errorType != null)
                {
                    tags.Add(SemanticConventions.ErrorType, _errorType);
                }

                ToolkitTelemetry.OperationDuration.Record(Seconds(_started), tags);
            }
        }

        private void ReadUsage(ref Utf8JsonReader reader)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // OpenAI's chat and embeddings names, and the input/output names some models behind the gateway answer with.
                var input = reader.ValueTextEquals("prompt_tokens") || reader.ValueTextEquals("input_tokens");
                var output = !input && (reader.ValueTextEquals("completion_tokens") || reader.ValueTextEquals("output_tokens"));
                reader.Read();
                if ((input || output) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var count))
                {
                    if (input)
                    {
                        _inputTokens = count;
                    }
                    else
                    {
                        _outputTokens = count;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        private static string? ReadModel(ArraySegment<byte> body)
        {
            var reader = new Utf8JsonReader(body.AsSpan());
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isModel = reader.ValueTextEquals("model");
                    reader.Read();
                    if (isModel)
                    {
                        return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }

                    reader.Skip();
                }
            }
            catch (JsonException)
            {
                // Not the caller's concern here.
            }

            return null;
        }

        private TagList RequestTags()
        {
            var tags = new TagList { { SemanticConventions.HttpRequestMethod, _method } };
            if (_operation.RouteTemplate != null)
            {
                tags.Add(SemanticConventions.UrlTemplate, _operation.RouteTemplate);
            }

            if (_serverAddress != null)
            {
                tags.Add(SemanticConventions.ServerAddress, _serverAddress);
                tags.Add(SemanticConventions.ServerPort, _serverPort);
            }

            return tags;
        }

        private static string StatusText(int status) => status switch
        {
            400 => "400",
            401 => "401",
            403 => "403",
            404 => "404",
            429 => "429",
            500 => "500",
            502 => "502",
            503 => "503",
            504 => "504",
            _ => status.ToString(CultureInfo.InvariantCulture),
        };

        private static double Seconds(long started)
            => (Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency;

        private static ReadOnlySpan<byte> UsageMember => new byte[] { (byte)'"', (byte)'u', (byte)'s', (byte)'a', (byte)'g', (byte)'e', (byte)'"' };
    }
}
