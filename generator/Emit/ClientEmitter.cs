using System.Collections.Generic;
using System.Linq;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Emit
{
    /// <summary>Writes the client class: one async method per operation, sending through the runtime's pipeline.</summary>
    internal static class ClientEmitter
    {
        private const string Task = "global::System.Threading.Tasks.Task";
        private const string CancellationToken = "global::System.Threading.CancellationToken";
        private const string Pipeline = "global::YEScale.Toolkit.Http.ApiPipeline";

        private const string Polling = "global::YEScale.Toolkit.Polling";

        /// <summary>The client class: construction, its sub-clients, the operations of no tag.</summary>
        public static string Emit(SpecModel spec)
        {
            var client = spec.ClientName;
            // Lets a project that references this assembly use the client instead of generating it again (YSG011/YSG012).
            var writer = GeneratedFile.Begin(spec.Namespace, "[assembly: global::YEScale.Toolkit.OpenApiClient(typeof(global::" + spec.Namespace + "." + client + "), " + CSharpText.Literal(spec.DocumentSha256) + ")]");
            DocComments.Summary(writer, spec.Title is null ? null : "Client for " + spec.Title + ".", "Client for the API.");
            DocComments.Element(writer, "remarks", spec.Description);
            writer.Line(GeneratedFile.GeneratedCodeAttribute);
            using (writer.Block(spec.Accessibility + " partial class " + client + ContractEmitter.BaseList(spec)))
            {
                WriteConstruction(writer, spec);
                WriteMembers(writer, spec, null);
                ContractEmitter.WriteLookup(writer, spec);
            }

            return GeneratedFile.End(writer);
        }

        /// <summary>A sub-client: the operations of one tag, reached through the client's property.</summary>
        public static string EmitGroup(SpecModel spec, ClientGroupModel group)
        {
            var writer = GeneratedFile.Begin(spec.Namespace);
            DocComments.Summary(writer, group.Description, "The " + group.Tag + " operations.");
            DocComments.Element(writer, "remarks", "Reached as " + spec.ClientName + "." + group.PropertyName + "; it shares the client's HttpClient, options and task journal.");
            writer.Line(GeneratedFile.GeneratedCodeAttribute);
            using (writer.Block(spec.Accessibility + " partial class " + group.TypeName))
            {
                writer.Line("private readonly " + Pipeline + "? _pipeline;");
                var usesTasks = UsesTasks(spec, group.PropertyName);
                if (usesTasks)
                {
                    writer.Line("private readonly " + Polling + ".TaskClient? _tasks;");
                }

                writer.Line();
                using (writer.Block("internal " + group.TypeName + "(" + Pipeline + " pipeline, " + Polling + ".TaskClient? tasks)"))
                {
                    writer.Line("_pipeline = pipeline;");
                    if (usesTasks)
                    {
                        writer.Line("_tasks = tasks;");
                    }

                    TaskEmitter.WriteRegistrations(writer, spec, group.PropertyName, "tasks!");
                }

                writer.Line();
                DocComments.Summary(writer, null, "For mocking frameworks: a sub-client created this way sends nothing until its methods are overridden.");
                using (writer.Block("protected internal " + group.TypeName + "()"))
                {
                }

                WritePipelineAccess(writer, usesTasks ? "protected" : null);
                WriteMembers(writer, spec, group.PropertyName);
            }

            return GeneratedFile.End(writer);
        }

        /// <summary>The operations of one class, their task members, and the static fields they use.</summary>
        private static void WriteMembers(CodeWriter writer, SpecModel spec, string? group)
        {
            var operations = spec.Operations.Where(o => o.Group == group).ToList();
            var converters = new List<(string Field, TypeRef Type)>();
            foreach (var operation in operations)
            {
                writer.Line();
                WriteOperation(writer, operation, spec, converters);
                if (operation.WireContract != null)
                {
                    ContractEmitter.WritePromptOverloads(writer, operation);
                    ContractEmitter.WriteEndpoint(writer, operation, spec);
                }

                if (operation.Task is { } task)
                {
                    writer.Line();
                    TaskEmitter.WriteLifecycle(writer, operation, task);
                    TaskEmitter.WriteTaskMembers(writer, operation, task);
                }
            }

            foreach (var operation in operations)
            {
                writer.Line();
                writer.Line("private static readonly global::YEScale.Toolkit.Http.ApiOperation " + OperationField(operation) + " = " + Descriptor(operation, spec) + ";");
            }

            foreach (var (field, type) in converters)
            {
                writer.Line();
                writer.Line("private static readonly global::System.Text.Json.Serialization.JsonConverter<" + TypeExpressions.TypeName(type) + "> " + field + " = " + TypeExpressions.Converter(type) + ";");
            }
        }

        /// <summary>True when the class's operations wait for tasks or submit them.</summary>
        private static bool UsesTasks(SpecModel spec, string? group)
            => spec.Operations.Any(o => o.Group == group && (o.Task != null || o.SubmitsTask != null));

        private static void WriteConstruction(CodeWriter writer, SpecModel spec)
        {
            var client = spec.ClientName;
            DocComments.Summary(writer, null, spec.DefaultBaseAddress is null
                ? "The document names no absolute server: set ApiClientOptions.BaseAddress or HttpClient.BaseAddress."
                : "The first server the OpenAPI document lists: " + spec.DefaultBaseAddress);
            writer.Line("public static global::System.Uri? DefaultBaseAddress { get; } = " + (spec.DefaultBaseAddress is null ? "null" : "new global::System.Uri(" + CSharpText.Literal(spec.DefaultBaseAddress) + ")") + ";");
            writer.Line();
            writer.Line("private readonly " + Pipeline + "? _pipeline;");
            var hasTasks = TaskEmitter.HasTasks(spec);
            if (hasTasks)
            {
                writer.Line("private readonly " + Polling + ".TaskClient? _tasks;");
            }

            writer.Line();
            DocComments.Summary(writer, null, "Creates a client that sends its requests through an HttpClient, which it does not dispose.");
            DocComments.Param(writer, "httpClient", "The HttpClient to send with, typically from IHttpClientFactory.");
            DocComments.Param(writer, "options", "Base address and API key; null for the document's server and no key.");
            using (writer.Block("public " + client + "(global::System.Net.Http.HttpClient httpClient, global::YEScale.Toolkit.ApiClientOptions? options = null)"))
            {
                writer.Line("_pipeline = new " + Pipeline + "(httpClient, options, DefaultBaseAddress, " + Authentication(spec.Auth) + ");");
                if (hasTasks)
                {
                    writer.Line("_tasks = new " + Polling + ".TaskClient(new " + Polling + ".TaskPoller(options?.TaskWait, options?.TaskJournal, options?.LoggerFactory, _pipeline.RateLimits));");
                    TaskEmitter.WriteRegistrations(writer, spec, null, "_tasks");
                }

                foreach (var group in spec.Groups)
                {
                    writer.Line(group.PropertyName + " = new " + group.TypeName + "(_pipeline, " + (hasTasks ? "_tasks" : "null") + ");");
                }
            }

            writer.Line();
            DocComments.Summary(writer, null, "For mocking frameworks: a client created this way sends nothing until its methods are overridden.");
            using (writer.Block("protected " + client + "()"))
            {
                foreach (var group in spec.Groups)
                {
                    writer.Line(group.PropertyName + " = new " + group.TypeName + "();");
                }
            }

            foreach (var group in spec.Groups)
            {
                writer.Line();
                DocComments.Summary(writer, group.Description, "The " + group.Tag + " operations.");
                writer.Line("public virtual " + group.TypeName + " " + group.PropertyName + " { get; }");
            }

            WritePipelineAccess(writer, hasTasks ? "public virtual" : null);
        }

        /// <summary>The Pipeline property, and the Tasks property with the given modifiers (none when null).</summary>
        private static void WritePipelineAccess(CodeWriter writer, string? tasksModifiers)
        {
            writer.Line();
            DocComments.Summary(writer, null, "The pipeline requests go through: base address, authentication, error handling.");
            writer.Line("protected " + Pipeline + " Pipeline => _pipeline ?? throw new global::System.InvalidOperationException(\"This client was created for mocking; construct it with an HttpClient to send requests.\");");
            if (tasksModifiers != null)
            {
                writer.Line();
                DocComments.Summary(writer, null, "The tasks of every kind this client knows: handles from tokens, waiting for many at once, resuming what the task journal holds.");
                writer.Line(tasksModifiers + " " + Polling + ".TaskClient Tasks => _tasks ?? throw new global::System.InvalidOperationException(\"This client was created for mocking; construct it with an HttpClient to wait for tasks.\");");
            }
        }

        /// <summary>The static field holding an operation's <c>ApiOperation</c>: what the pipeline needs to send it safely.</summary>
        public static string OperationField(OperationModel operation) => operation.MethodName + "Operation__";

        /// <summary>The name of the per-call options parameter: <c>requestOptions</c>, unless an operation parameter has it.</summary>
        public static string RequestOptionsName(OperationModel operation)
            => operation.Parameters.Any(p => p.Name == "requestOptions") || operation.Body?.Name == "requestOptions" ? "requestOptions__" : "requestOptions";

        private static string Descriptor(OperationModel operation, SpecModel spec)
        {
            var arguments = new List<string> { CSharpText.Literal(operation.OperationId) };
            if (operation.SubmitsTask is { } link)
            {
                arguments.Add("taskOperation: " + CSharpText.Literal(FetchOf(spec, link).OperationId));
            }

            if (operation.IdempotencyHeader is { } header)
            {
                arguments.Add("idempotencyHeader: " + CSharpText.Literal(header));
            }

            if (operation.AnswerErrors is { } errors)
            {
                arguments.Add("answerErrors: new global::YEScale.Toolkit.Http.AnswerErrorRule(" + CSharpText.Literal(errors.Code) + ", new[] { " + string.Join(", ", errors.Success.Select(CSharpText.Literal)) + " }"
                    + (errors.Message is null ? string.Empty : ", " + CSharpText.Literal(errors.Message)) + ")");
            }

            // Method and route template name the call's span and measurements (url.template).
            arguments.Add("httpMethod: " + CSharpText.Literal(operation.HttpMethod));
            arguments.Add("routeTemplate: " + CSharpText.Literal(operation.Path));
            return "new global::YEScale.Toolkit.Http.ApiOperation(" + string.Join(", ", arguments) + ")";
        }

        private static OperationModel FetchOf(SpecModel spec, TaskLinkModel link) => spec.Operations.First(o => o.MethodName == link.FetchMethod);

        private static string Authentication(AuthModel auth) => auth.Kind switch
        {
            AuthKind.Bearer => "global::YEScale.Toolkit.ApiAuthentication.Bearer",
            AuthKind.ApiKeyHeader => "global::YEScale.Toolkit.ApiAuthentication.Header(" + CSharpText.Literal(auth.ParameterName!) + ")",
            AuthKind.ApiKeyQuery => "global::YEScale.Toolkit.ApiAuthentication.Query(" + CSharpText.Literal(auth.ParameterName!) + ")",
            _ => "global::YEScale.Toolkit.ApiAuthentication.None",
        };

        private static void WriteOperation(CodeWriter writer, OperationModel operation, SpecModel spec, List<(string Field, TypeRef Type)> converters)
        {
            var response = operation.Response;
            if (response.Kind == ResponseKind.EventStream)
            {
                WriteMethod(writer, operation, spec, converters, streaming: true);
                return;
            }

            WriteMethod(writer, operation, spec, converters, streaming: false);
            if (response.EventType != null)
            {
                writer.Line();
                WriteMethod(writer, operation, spec, converters, streaming: true);
            }
        }

        /// <summary>
        /// One client method. With <paramref name="streaming"/> it asks for text/event-stream and returns the events as an
        /// async stream (for an operation that also answers JSON, under the name ...StreamingAsync).
        /// </summary>
        private static void WriteMethod(CodeWriter writer, OperationModel operation, SpecModel spec, List<(string Field, TypeRef Type)> converters, bool streaming)
        {
            var response = operation.Response;
            var eventType = streaming ? TypeExpressions.TypeName(response.EventType!) : null;
            // A submit whose task can be fetched by its id alone returns the task's handle, with the submit's answer in it.
            var handleFetch = !streaming && operation.SubmitsTask is { } submits && FetchOf(spec, submits) is { TaskSurface.Handle: not null } linked ? linked : null;
            var returnType = streaming
                ? "global::System.Collections.Generic.IAsyncEnumerable<" + eventType + ">"
                : response.Kind == ResponseKind.None ? Task
                : handleFetch != null ? Task + "<" + TaskEmitter.SubmittedType(TypeExpressions.TypeName(response.Type!), handleFetch.Task!) + ">"
                : Task + "<" + TypeExpressions.TypeName(response.Type!) + ">";
            var name = operation.Member + (streaming && response.Kind != ResponseKind.EventStream ? "Streaming" : string.Empty) + "Async";
            var parameters = new List<string>();
            DocComments.Summary(writer, operation.Docs.Summary ?? FirstSentence(operation.Docs.Remarks), operation.HttpMethod + " " + operation.Path);
            var streamRequest = streaming && response.Kind != ResponseKind.EventStream ? operation.StreamRequest : null;
            var streamFlag = streamRequest?.Flag;
            DocComments.Element(writer, "remarks", Remarks(operation) + (streaming && response.Kind != ResponseKind.EventStream
                ? streamFlag != null
                    ? "\n\nThis variant sets the body's " + streamFlag.JsonName + " member to true" + (streamRequest!.IncludeUsage != null ? " (and, when the caller set no stream_options, stream_options.include_usage, for a last chunk with the token usage)" : string.Empty) + " while it writes the body, asks for text/event-stream and yields each event as it arrives; the caller's object is left as it was."
                    : "\n\nThis variant asks for text/event-stream and yields each event as it arrives; the request must ask the server to stream (for OpenAI-style APIs, set the body's stream member to true)."
                : string.Empty));
            foreach (var parameter in operation.Parameters.Where(p => p.Required))
            {
                DocComments.Param(writer, parameter.Name, parameter.Description);
                parameters.Add(TypeExpressions.TypeName(parameter.Type) + " " + parameter.Name);
            }

            var body = operation.Body;
            if (body != null)
            {
                DocComments.Param(writer, body.Name, body.Description ?? "The request body.");
                parameters.Add(TypeExpressions.TypeName(body.Type, !body.Required) + " " + body.Name + (body.Required ? string.Empty : " = null"));
            }

            foreach (var parameter in operation.Parameters.Where(p => !p.Required))
            {
                DocComments.Param(writer, parameter.Name, parameter.Description);
                parameters.Add(TypeExpressions.TypeName(parameter.Type, nullable: true) + " " + parameter.Name + " = null");
            }

            var requestOptions = RequestOptionsName(operation);
            DocComments.Param(writer, requestOptions, "This call's timeout, headers, query, idempotency key and retry policy; after the call, its Response holds status and headers. Null for the client's.");
            parameters.Add("global::YEScale.Toolkit.RequestOptions? " + requestOptions + " = null");
            DocComments.Param(writer, "cancellationToken", streaming ? "Stops the request and the stream." : "A token that cancels the request.");
            parameters.Add((streaming ? "[global::System.Runtime.CompilerServices.EnumeratorCancellation] " : string.Empty) + CancellationToken + " cancellationToken = default");
            if (streaming)
            {
                DocComments.Element(writer, "returns", "Each event's data, as it arrives.");
            }
            else if (response.Kind != ResponseKind.None)
            {
                DocComments.Element(writer, "returns", handleFetch != null ? "The submitted task, to wait for (WaitAsync) or keep (ToToken); SubmitAnswer holds " + (response.Description is { } said ? "the answer: " + said : "the answer.") : response.Description ?? "The response body.");
            }

            writer.Line("/// <exception cref=\"global::YEScale.Toolkit.ApiException\">The server answered with a non-success status, or with a body that is not the expected JSON; subclasses: no answer (ApiConnectionException), too late (ApiTimeoutException)" + (operation.SubmitsTask != null ? ", a submit that may have created its task (TaskMayExistException)" : string.Empty) + ".</exception>");
            if (operation.Deprecated)
            {
                writer.Line("[global::System.Obsolete(\"Deprecated in the OpenAPI document.\")]");
            }

            using (writer.Block("public virtual async " + returnType + " " + name + "(" + string.Join(", ", parameters) + ")"))
            {
                foreach (var parameter in operation.Parameters.Where(p => p.Required && !p.Type.IsValueType))
                {
                    writer.Line("if (" + parameter.Name + " == null) throw new global::System.ArgumentNullException(nameof(" + parameter.Name + "));");
                }

                if (body != null && body.Required && !body.Type.IsValueType)
                {
                    writer.Line("if (" + body.Name + " == null) throw new global::System.ArgumentNullException(nameof(" + body.Name + "));");
                }

                writer.Line("var uri__ = Pipeline.CreateUri();");
                foreach (var segment in operation.PathSegments)
                {
                    if (segment.IsParameter)
                    {
                        var parameter = operation.Parameters.First(p => p.Name == segment.Text);
                        writer.Line("uri__.AppendPathSegment(" + TypeExpressions.Format(parameter.Type, parameter.Name) + ");");
                    }
                    else
                    {
                        writer.Line("uri__.AppendPath(" + CSharpText.Literal(segment.Text) + ");");
                    }
                }

                foreach (var parameter in operation.Parameters.Where(p => p.Location == ParameterLocation.Query))
                {
                    WriteQuery(writer, parameter);
                }

                var accept = streaming ? "\"text/event-stream\"" : response.Kind == ResponseKind.Json ? "\"application/json\"" : "null";
                writer.Line("using var request__ = Pipeline.CreateRequest(" + HttpMethod(operation.HttpMethod) + ", uri__, " + accept + ", " + requestOptions + ");");
                foreach (var parameter in operation.Parameters.Where(p => p.Location == ParameterLocation.Header))
                {
                    WriteGuarded(writer, parameter, value => "request__.Headers.TryAddWithoutValidation(" + CSharpText.Literal(parameter.WireName) + ", " + value + ");");
                }

                WriteCookies(writer, operation);
                if (streamFlag != null)
                {
                    // Calling the streaming variant is the request to stream: the OpenAI convention's flag says so to the
                    // server. It is set only while the body is written, so the caller's object is left as it was (and can
                    // be sent again to the plain method).
                    var flag = body!.Name + "." + streamFlag.Name;
                    writer.Line("var stream__ = " + flag + ";");
                    if (streamFlag.AllowsNull)
                    {
                        writer.Line("var streamWasNull__ = " + body.Name + ".IsJsonNull(" + CSharpText.Literal(streamFlag.JsonName) + ");");
                    }

                    writer.Line(flag + " = true;");
                    // The convention's stream_options.include_usage asks for a last chunk with the token usage; asked for
                    // only when the caller set no stream options, and also only while the body is written.
                    var options = streamRequest!.UsageOptions;
                    if (options != null)
                    {
                        var member = body.Name + "." + options.Name;
                        writer.Line("var streamOptions__ = " + member + ";");
                        writer.Line("var streamOptionsWereNull__ = " + body.Name + ".IsJsonNull(" + CSharpText.Literal(options.JsonName) + ");");
                        writer.Line("if (streamOptions__ == null && !streamOptionsWereNull__) " + member + " = new " + TypeExpressions.TypeName(options.Type, false) + " { " + streamRequest.IncludeUsage!.Name + " = true };");
                    }

                    using (writer.Block("try"))
                    {
                        WriteBody(writer, operation, body, spec, converters);
                    }

                    using (writer.Block("finally"))
                    {
                        writer.Line(flag + " = stream__;");
                        if (streamFlag.AllowsNull)
                        {
                            writer.Line("if (!streamWasNull__) " + body.Name + ".JsonNulls__.Track(" + CSharpText.Literal(streamFlag.JsonName) + ", false);");
                        }

                        if (options != null)
                        {
                            writer.Line(body.Name + "." + options.Name + " = streamOptions__;");
                            if (options.AllowsNull)
                            {
                                writer.Line("if (!streamOptionsWereNull__) " + body.Name + ".JsonNulls__.Track(" + CSharpText.Literal(options.JsonName) + ", false);");
                            }
                        }
                    }
                }
                else if (body != null)
                {
                    if (body.Required)
                    {
                        WriteBody(writer, operation, body, spec, converters);
                    }
                    else
                    {
                        using (writer.Block("if (" + body.Name + " != null)"))
                        {
                            WriteBody(writer, operation, body, spec, converters);
                        }
                    }
                }

                // The operation's descriptor, the task id (task operations put it on any ApiException they throw), the call's options.
                var taskId = operation.TaskIdParameter is { } idName ? TypeExpressions.Format(operation.Parameters.First(p => p.Name == idName).Type, idName) : "null";
                var operationId = OperationField(operation) + ", " + taskId + ", " + requestOptions;
                if (streaming)
                {
                    var events = response.EventType!.Kind == TypeRefKind.String
                        ? "Pipeline.StreamTextEventsAsync(request__, " + operationId + ", cancellationToken)"
                        : "Pipeline.StreamEventsAsync(request__, " + Converter(response.EventType!, operation.MethodName + "EventConverter", converters) + ", " + operationId + ", cancellationToken)";
                    using (writer.Block("await foreach (var event__ in global::System.Threading.Tasks.TaskAsyncEnumerableExtensions.ConfigureAwait(" + events + ", false))"))
                    {
                        writer.Line("yield return event__;");
                    }

                    return;
                }

                switch (response.Kind)
                {
                    case ResponseKind.Json when operation.SubmitsTask is { } link:
                        writer.Line("var result__ = await Pipeline.SendAsync(request__, " + Converter(response.Type!, operation.MethodName + "ResponseConverter", converters) + ", " + operationId + ", cancellationToken).ConfigureAwait(false);");
                        TaskEmitter.WriteSubmitted(writer, operation, link, FetchOf(spec, link));
                        break;
                    case ResponseKind.Json:
                        writer.Line("return await Pipeline.SendAsync(request__, " + Converter(response.Type!, operation.MethodName + "ResponseConverter", converters) + ", " + operationId + ", cancellationToken).ConfigureAwait(false);");
                        break;
                    case ResponseKind.Text:
                        writer.Line("return await Pipeline.SendForTextAsync(request__, " + operationId + ", cancellationToken).ConfigureAwait(false);");
                        break;
                    case ResponseKind.Binary:
                        writer.Line("return await Pipeline.SendForBytesAsync(request__, " + operationId + ", cancellationToken).ConfigureAwait(false);");
                        break;
                    default:
                        writer.Line("await Pipeline.SendAsync(request__, " + operationId + ", cancellationToken).ConfigureAwait(false);");
                        break;
                }
            }
        }

        /// <summary>Sets the request content from the body parameter, in the body's media type.</summary>
        private static void WriteBody(CodeWriter writer, OperationModel operation, BodyModel body, SpecModel spec, List<(string Field, TypeRef Type)> converters)
        {
            var value = body.Name + (!body.Required && body.Type.IsValueType ? ".Value" : string.Empty);
            var media = CSharpText.Literal(body.MediaType);
            switch (body.Kind)
            {
                case BodyKind.Form:
                case BodyKind.Multipart:
                    var model = spec.Types.First(t => t.Name == body.Type.Name);
                    writer.Line("var form__ = new global::YEScale.Toolkit.Http.FormBuilder();");
                    foreach (var property in model.Properties.Where(p => !p.ReadOnly))
                    {
                        WriteFormField(writer, value + "." + property.Name, property, body.Kind == BodyKind.Multipart, spec);
                    }

                    writer.Line("request__.Content = form__." + (body.Kind == BodyKind.Form ? "ToUrlEncoded()" : "ToMultipart()") + ";");
                    break;
                case BodyKind.Binary:
                    writer.Line("request__.Content = global::YEScale.Toolkit.Http.ApiPipeline.CreateStreamContent(" + value + ".Content, " + value + ".ContentType ?? " + media + ");");
                    break;
                case BodyKind.Text:
                    writer.Line("request__.Content = global::YEScale.Toolkit.Http.ApiPipeline.CreateTextContent(" + value + ", " + media + ");");
                    break;
                default:
                    writer.Line("request__.Content = Pipeline.CreateJsonContent(" + value + ", " + Converter(body.Type, operation.MethodName + "RequestConverter", converters) + ", " + media + ");");
                    break;
            }
        }

        /// <summary>
        /// One form field: scalars as text, lists as repeated fields, files as file parts (in multipart bodies also files
        /// held by a union, or by a union in a list), anything else as JSON text.
        /// </summary>
        private static void WriteFormField(CodeWriter writer, string access, PropertyModel property, bool multipart, SpecModel spec)
        {
            var name = CSharpText.Literal(property.JsonName);
            var type = property.Type;
            var present = property.Nullable || !type.IsValueType;
            var value = present && type.IsValueType ? access + ".Value" : access;
            string statement;
            if (type.Kind == TypeRefKind.File)
            {
                statement = multipart ? "form__.AddFile(" + name + ", " + value + ");" : "form__.Add(" + name + ", " + value + ".FileName);";
            }
            else if (type.IsScalar)
            {
                statement = "form__.Add(" + name + ", " + TypeExpressions.Format(type, value) + ");";
            }
            else if (type.Kind == TypeRefKind.Array && type.Item!.IsScalar)
            {
                statement = "foreach (var item__ in " + value + ") form__.Add(" + name + ", " + TypeExpressions.Format(type.Item, "item__") + ");";
            }
            else if (type.Kind == TypeRefKind.Array && type.Item!.Kind == TypeRefKind.File)
            {
                statement = "foreach (var item__ in " + value + ") form__.AddFile(" + name + ", item__);";
            }
            else if (multipart && HoldsFiles(type, spec))
            {
                // The variant is known only when sending: the runtime writes a held file as a part, the rest as a field.
                statement = "form__.AddUnion(" + name + ", " + value + ", " + value + ".Value, " + FieldConverter(type) + ");";
            }
            else if (multipart && type.Kind == TypeRefKind.Array && HoldsFiles(type.Item!, spec))
            {
                statement = "foreach (var item__ in " + value + ") if (item__ != null) form__.AddUnion(" + name + ", item__, item__.Value, " + FieldConverter(type.Item!) + ");";
            }
            else
            {
                // Objects, maps and unions travel as JSON text in a form field, as form-based APIs expect.
                statement = "form__.Add(" + name + ", " + TypeExpressions.ApiJson + ".ToRequestJson(" + value + ", " + FieldConverter(type) + "));";
            }

            writer.Line(present ? "if (" + access + " != null) " + statement : statement);
        }

        /// <summary>A union with a variant that is a file or a list of files.</summary>
        private static bool HoldsFiles(TypeRef type, SpecModel spec)
            => type.Kind == TypeRefKind.Union
               && spec.Types.FirstOrDefault(t => t.Name == type.Name) is { } union
               && union.Variants.Any(v => v.Type.Kind == TypeRefKind.File || (v.Type.Kind == TypeRefKind.Array && v.Type.Item!.Kind == TypeRefKind.File));

        /// <summary>Objects, maps, unions and lists of non-scalars: values that go through JSON rather than plain text.</summary>
        private static bool IsStructured(TypeRef type) => !type.IsScalar && !(type.Kind == TypeRefKind.Array && type.Item!.IsScalar);

        private static string StructuredValue(ParameterModel parameter)
            => parameter.Required || !parameter.Type.IsValueType ? parameter.Name : parameter.Name + ".Value";

        /// <summary>A structured value is skipped when null; only a required value type can never be.</summary>
        private static string GuardStructured(ParameterModel parameter, string statement)
            => parameter.Required && parameter.Type.IsValueType ? statement : "if (" + parameter.Name + " != null) " + statement;

        private static string FieldConverter(TypeRef type) => TypeExpressions.Converter(type);

        private static string Remarks(OperationModel operation)
        {
            var route = operation.HttpMethod + " " + operation.Path + " (operation " + operation.OperationId + ").";
            return operation.Docs.Remarks is null ? route : operation.Docs.Remarks + "\n\n" + route;
        }

        private static string? FirstSentence(string? text)
        {
            if (text is null)
            {
                return null;
            }

            var end = text.IndexOfAny(new[] { '\n', '\r' });
            return end < 0 ? text : text.Substring(0, end);
        }

        /// <summary>The converter for a body or response: a model's own, or a shared delegate converter for lists, maps and scalars.</summary>
        private static string Converter(TypeRef type, string field, List<(string Field, TypeRef Type)> converters)
        {
            if (type.Kind is TypeRefKind.Model or TypeRefKind.Enum)
            {
                return TypeExpressions.ConverterName(type.Name!) + ".Instance";
            }

            if (!converters.Any(existing => existing.Field == field))
            {
                converters.Add((field, type));
            }

            return field;
        }

        private static void WriteQuery(CodeWriter writer, ParameterModel parameter)
        {
            var name = CSharpText.Literal(parameter.WireName);
            if (IsStructured(parameter.Type))
            {
                // Objects, unions and lists of structured values: through JSON, then written in the parameter's style.
                var value = StructuredValue(parameter);
                var element = parameter.Type.Kind == TypeRefKind.Json ? value : TypeExpressions.ApiJson + ".ToRequestElement(" + value + ", " + FieldConverter(parameter.Type) + ")";
                writer.Line(GuardStructured(parameter, "uri__.AppendQuery(" + name + ", " + element + ", " + (parameter.Explode ? "true" : "false") + ", " + (parameter.DeepObject ? "true" : "false") + ");"));
                return;
            }

            if (parameter.Type.Kind == TypeRefKind.Array)
            {
                var item = parameter.Type.Item!;
                using (writer.Block("if (" + parameter.Name + " != null)"))
                {
                    if (parameter.Explode)
                    {
                        using (writer.Block("foreach (var item__ in " + parameter.Name + ")"))
                        {
                            writer.Line("uri__.AppendQuery(" + name + ", " + TypeExpressions.Format(item, "item__") + ");");
                        }
                    }
                    else
                    {
                        writer.Line("uri__.AppendQuery(" + name + ", string.Join(\",\", global::System.Linq.Enumerable.Select(" + parameter.Name + ", item__ => " + TypeExpressions.Format(item, "item__") + ")));");
                    }
                }

                return;
            }

            WriteGuarded(writer, parameter, value => "uri__.AppendQuery(" + name + ", " + value + ");");
        }

        /// <summary>Writes a statement for a scalar parameter, skipped when an optional parameter is null.</summary>
        private static void WriteGuarded(CodeWriter writer, ParameterModel parameter, System.Func<string, string> statement)
        {
            if (IsStructured(parameter.Type))
            {
                // Structured header and cookie values travel as JSON text.
                writer.Line(GuardStructured(parameter, statement(TypeExpressions.ApiJson + ".ToRequestJson(" + StructuredValue(parameter) + ", " + FieldConverter(parameter.Type) + ")")));
                return;
            }

            if (parameter.Type.Kind == TypeRefKind.Array)
            {
                writer.Line("if (" + parameter.Name + " != null) " + statement("string.Join(\",\", global::System.Linq.Enumerable.Select(" + parameter.Name + ", item__ => " + TypeExpressions.Format(parameter.Type.Item!, "item__") + "))"));
                return;
            }

            if (parameter.Required)
            {
                writer.Line(statement(TypeExpressions.Format(parameter.Type, parameter.Name)));
                return;
            }

            var value = parameter.Type.IsValueType ? parameter.Name + ".Value" : parameter.Name;
            writer.Line("if (" + parameter.Name + " != null) " + statement(TypeExpressions.Format(parameter.Type, value)));
        }

        private static void WriteCookies(CodeWriter writer, OperationModel operation)
        {
            var cookies = operation.Parameters.Where(p => p.Location == ParameterLocation.Cookie).ToList();
            if (cookies.Count == 0)
            {
                return;
            }

            writer.Line("var cookies__ = new global::System.Collections.Generic.List<string>();");
            foreach (var cookie in cookies)
            {
                WriteGuarded(writer, cookie, value => "cookies__.Add(" + CSharpText.Literal(cookie.WireName + "=") + " + global::System.Uri.EscapeDataString(" + value + "));");
            }

            writer.Line("if (cookies__.Count > 0) request__.Headers.TryAddWithoutValidation(\"Cookie\", string.Join(\"; \", cookies__));");
        }

        private static string HttpMethod(string method) => method switch
        {
            "GET" => "global::System.Net.Http.HttpMethod.Get",
            "POST" => "global::System.Net.Http.HttpMethod.Post",
            "PUT" => "global::System.Net.Http.HttpMethod.Put",
            "DELETE" => "global::System.Net.Http.HttpMethod.Delete",
            "HEAD" => "global::System.Net.Http.HttpMethod.Head",
            "OPTIONS" => "global::System.Net.Http.HttpMethod.Options",
            "TRACE" => "global::System.Net.Http.HttpMethod.Trace",
            _ => "new global::System.Net.Http.HttpMethod(" + CSharpText.Literal(method) + ")",
        };
    }
}
