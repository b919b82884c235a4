namespace YEScale.Toolkit.Generator.Model
{
    /// <summary>
    /// How to wait for a task, from the fetch operation's <c>x-yescale-task</c> extension: where the status, error,
    /// progress and result are in the answer, and which status words end the task.
    /// </summary>
    /// <param name="Noun">The name the wait methods use: the fetch method's name without a leading "Get".</param>
    /// <param name="TaskIdParameter">The C# name of the fetch parameter that carries the task id.</param>
    /// <param name="SnapshotType">The model the fetch returns.</param>
    internal sealed record TaskModel(
        string Noun,
        string TaskIdParameter,
        string SnapshotType,
        ValuePath Status,
        EquatableArray<string> Succeeded,
        EquatableArray<string> Failed,
        ValuePath? Error,
        ValuePath? Progress,
        ValuePath? Result)
    {
        /// <summary>True when the extension's <c>name</c> key gave the noun rather than the fetch operation's name.</summary>
        public bool NamedInSpec { get; init; }
    }

    /// <summary>The names of a task family's members in its class, from the surface plan.</summary>
    /// <param name="Noun">The family's noun there: <c>Image</c> in the Kling sub-client for <c>getKlingImage</c>.</param>
    /// <param name="Handle">The method that gives a handle for a task id (<c>ImageTask</c>); null when the fetch takes more than the id.</param>
    /// <param name="Wait">The wait method (<c>WaitForImage</c>, without Async).</param>
    internal sealed record TaskSurfaceModel(string Noun, string? Handle, string Wait);

    /// <summary>A submit operation's link to the operation that fetches the task it creates.</summary>
    /// <param name="FetchMethod">The fetch operation's method name (without Async).</param>
    /// <param name="TaskId">Where the task id is in the submit answer.</param>
    internal sealed record TaskLinkModel(string FetchMethod, ValuePath TaskId);

    /// <summary>
    /// A JSON pointer into a model, resolved to steps: a C# property, or an item of a list (a numeric pointer
    /// token); <see cref="Leaf"/> is the type at its end.
    /// </summary>
    internal sealed record ValuePath(string Pointer, EquatableArray<PathStep> Steps, TypeRef Leaf, bool LeafNullable)
    {
        /// <summary>
        /// Where to read instead when this pointer gives nothing: an <c>x-yescale-task</c> key may list pointers, for
        /// services whose answers come in more than one shape (a relay's envelope and the vendor's own, say).
        /// </summary>
        public ValuePath? Otherwise { get; init; }

        /// <summary>This pointer and its alternatives, in the order they are tried.</summary>
        public System.Collections.Generic.IEnumerable<ValuePath> Alternatives()
        {
            for (var path = this; path != null; path = path.Otherwise)
            {
                yield return path;
            }
        }

        /// <summary>For docs and messages: "/a" or "/a, else /b".</summary>
        public string Describe() => Otherwise is null ? Pointer : Pointer + ", else " + Otherwise.Describe();
    }

    /// <summary>One step of a <see cref="ValuePath"/>: a member, by its C# name, or a list item, by its index.</summary>
    internal sealed record PathStep(string? Property, int? Index)
    {
        public static PathStep Member(string property) => new PathStep(property, null);

        public static PathStep Item(int index) => new PathStep(null, index);
    }
}
