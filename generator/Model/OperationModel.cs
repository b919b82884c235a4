namespace YEScale.Toolkit.Generator.Model
{
    internal enum ParameterLocation
    {
        Path,
        Query,
        Header,
        Cookie,
    }

    internal enum ResponseKind
    {
        /// <summary>No body is read: the method returns <c>Task</c>.</summary>
        None,
        Json,
        Text,
        Binary,

        /// <summary><c>text/event-stream</c> only: the method returns an async stream of events.</summary>
        EventStream,
    }

    /// <summary>One client method.</summary>
    /// <param name="MethodName">C# name without the Async suffix.</param>
    /// <param name="OperationId">The spec's operationId, or the generated name when it has none.</param>
    /// <param name="PathSegments">The path template split into literal text and parameter references.</param>
    internal sealed record OperationModel(
        string MethodName,
        string OperationId,
        string HttpMethod,
        string Path,
        EquatableArray<PathSegment> PathSegments,
        Documentation Docs,
        bool Deprecated,
        EquatableArray<ParameterModel> Parameters,
        BodyModel? Body,
        ResponseModel Response)
    {
        /// <summary>Set when the operation fetches a task (the spec's <c>x-yescale-task</c> extension): the client gets wait methods.</summary>
        public TaskModel? Task { get; init; }

        /// <summary>For a JSON operation that can also answer a stream: how its body asks for one (OpenAI's convention), if it can.</summary>
        public StreamRequestModel? StreamRequest { get; init; }

        /// <summary>Set when the operation submits a task (a response link to a task operation): the client gets submit-and-wait.</summary>
        public TaskLinkModel? SubmitsTask { get; init; }

        /// <summary>The published wire format the operation speaks (<c>openai.chat.completions</c>...), from <c>x-yescale-contract</c> or its path; null for none.</summary>
        public string? WireContract { get; init; }

        /// <summary>The header the server honours as an idempotency key (<c>x-yescale-idempotency</c>), if the document says.</summary>
        public string? IdempotencyHeader { get; init; }

        /// <summary>Where errors live inside successful answers (<c>x-yescale-errors</c>), if the document says.</summary>
        public AnswerErrorsModel? AnswerErrors { get; init; }

        /// <summary>The sub-client the operation belongs to (its property name on the client), or null for the client itself.</summary>
        public string? Group { get; init; }

        /// <summary>The method's name (without Async) in its class, as the surface plan gave it; null for <see cref="MethodName"/>.</summary>
        public string? MemberName { get; init; }

        /// <summary>The method's name (without Async) in its class.</summary>
        public string Member => MemberName ?? MethodName;

        /// <summary>For an operation that fetches a task: the names of the task members in its class.</summary>
        public TaskSurfaceModel? TaskSurface { get; init; }

        /// <summary>The C# name of the parameter that carries the task id, for operations that fetch a task.</summary>
        public string? TaskIdParameter => Task?.TaskIdParameter;
    }

    /// <summary>An error code inside successful answers: its JSON pointer, the codes that mean success, and the message's pointer.</summary>
    internal sealed record AnswerErrorsModel(string Code, EquatableArray<string> Success, string? Message);

    /// <summary>Literal path text, or (when <see cref="IsParameter"/>) the C# name of a path parameter.</summary>
    internal sealed record PathSegment(string Text, bool IsParameter);

    internal sealed record ParameterModel(
        string Name,
        string WireName,
        ParameterLocation Location,
        TypeRef Type,
        bool Required,
        bool Explode,
        bool Deprecated,
        string? Description)
    {
        /// <summary>OpenAPI's <c>style: deepObject</c>: object members as <c>name[key]=value</c>.</summary>
        public bool DeepObject { get; init; }
    }

    internal enum BodyKind
    {
        Json,

        /// <summary><c>application/x-www-form-urlencoded</c>: the model's members become form fields.</summary>
        Form,

        /// <summary><c>multipart/form-data</c>: the model's members become parts, files as file parts.</summary>
        Multipart,

        /// <summary>Raw bytes from a stream (<c>application/octet-stream</c> and other non-text media).</summary>
        Binary,

        /// <summary>A string (<c>text/*</c>).</summary>
        Text,
    }

    internal sealed record BodyModel(string Name, TypeRef Type, bool Required, string MediaType, string? Description, BodyKind Kind = BodyKind.Json);

    /// <param name="EventType">When the operation can answer <c>text/event-stream</c>: the type of each event's data.</param>
    internal sealed record ResponseModel(ResponseKind Kind, TypeRef? Type, string? Description, TypeRef? EventType = null)
    {
        public static readonly ResponseModel None = new ResponseModel(ResponseKind.None, null, null);
    }

    /// <summary>
    /// OpenAI's convention for asking a JSON operation to stream: a boolean <c>stream</c> member of the body, and, when the
    /// body has <c>stream_options</c> with a boolean <c>include_usage</c> (and nothing else callers must set), a way to
    /// ask for a last chunk with the token usage.
    /// </summary>
    internal sealed record StreamRequestModel(PropertyModel Flag, PropertyModel? UsageOptions, PropertyModel? IncludeUsage);
}
