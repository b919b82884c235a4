using System;
using System.Collections.Generic;
using System.Linq;
using YEScale.Toolkit.Generator.Model;
using YEScale.Toolkit.Generator.Parsing;

namespace YEScale.Toolkit.Generator.Naming
{
    /// <summary>
    /// Decides the client's surface and owns its names: which sub-client (tag) each operation goes to, and the name
    /// of every method, sub-client and task member. Emitters write what this decides and invent no names.
    /// </summary>
    /// <remarks>
    /// In a sub-client the tag's own word is dropped from a method's name (<c>createKlingImage</c> is
    /// <c>client.Kling.CreateImageAsync</c>), and a task family uses one noun for every member: a family with one
    /// submit takes the submit's noun (<c>submitSunoMusic</c> and <c>getSunoTask</c> give <c>SubmitMusicAsync</c>,
    /// <c>GetMusicAsync</c>, <c>MusicTask</c>, <c>WaitForMusicAsync</c>). Where shortened names would clash, the
    /// operations involved keep their full names; any clash left is settled by a numeric suffix, in document order.
    /// A document with fewer than two tags keeps a flat client.
    /// </remarks>
    internal static class ClientSurfacePlanner
    {
        /// <summary>Members every generated client class has, or inherits from object.</summary>
        private static readonly string[] ClassMembers = { "Pipeline", "Tasks", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals" };

        private static readonly string[] SubmitVerbs = { "Create", "Submit", "Generate", "Start", "Make", "Run", "Post", "Add", "New" };

        private static readonly string[] ReadVerbs = { "Get", "Fetch", "Query", "Retrieve", "Read" };

        /// <param name="operations">The operations, in document order.</param>
        /// <param name="tags">Each operation's first tag, or null.</param>
        /// <param name="tagDescriptions">The document's tag list: names in its order, and their descriptions.</param>
        /// <param name="typeNames">The namespace's type names so far (models, the client); the sub-clients' are added.</param>
        /// <param name="clientName">The client's type name.</param>
        public static (List<OperationModel> Operations, EquatableArray<ClientGroupModel> Groups) Plan(
            IReadOnlyList<OperationModel> operations,
            IReadOnlyList<string?> tags,
            IReadOnlyList<(string Name, string? Description)> tagDescriptions,
            ISet<string> typeNames,
            string clientName)
        {
            // Generated code names types without qualification, so no member of a client class may share a type's name.
            var root = new NameScope(ClassMembers.Concat(typeNames).Concat(new[] { clientName, "DefaultBaseAddress" }));
            var groups = new List<ClientGroupModel>();
            var groupOfTag = new Dictionary<string, ClientGroupModel>(StringComparer.Ordinal);

            // One tag (or none) groups nothing: such a client stays flat, rather than client.Pets.ListPetsAsync.
            if (tags.Where(t => t != null).Distinct(StringComparer.Ordinal).Count() < 2)
            {
                tags = tags.Select(_ => (string?)null).ToList();
            }

            // Tags in the order the document lists them, then any it does not list, in the order operations use them.
            var used = new HashSet<string>(tags.Where(t => t != null).Select(t => t!), StringComparer.Ordinal);
            var ordered = tagDescriptions.Select(t => t.Name).Where(used.Contains)
                .Concat(tags.Where(t => t != null).Select(t => t!))
                .Distinct(StringComparer.Ordinal);
            foreach (var tag in ordered)
            {
                var property = root.Claim(Identifiers.ToPascalCase(tag, "Operations").TrimStart('@'));
                var type = Identifiers.MakeUnique(property + "Client", typeNames);
                var description = tagDescriptions.FirstOrDefault(t => t.Name == tag).Description;
                var group = new ClientGroupModel(property, type, tag, description);
                groups.Add(group);
                groupOfTag.Add(tag, group);
            }

            var planned = operations.ToList();
            for (var i = 0; i < planned.Count; i++)
            {
                if (tags[i] is { } tag)
                {
                    planned[i] = planned[i] with { Group = groupOfTag[tag].PropertyName };
                }
            }

            PlanClass(planned, null, root);
            foreach (var group in groups)
            {
                PlanClass(planned, group.PropertyName, new NameScope(ClassMembers.Concat(typeNames)));
            }

            return (planned, groups.ToEquatableArray());
        }

        /// <summary>Names the members of one class: the operations of one group (or of none, for the client itself).</summary>
        private static void PlanClass(List<OperationModel> operations, string? group, NameScope scope)
        {
            var members = Enumerable.Range(0, operations.Count).Where(i => operations[i].Group == group).ToList();
            var wanted = new Dictionary<int, Wanted>();
            foreach (var i in members)
            {
                wanted[i] = Shortened(operations, i, group);
            }

            // Shortened names that clash with each other (or with the class's own members) are given up for full ones.
            var counts = wanted.Values.SelectMany(w => w.Names()).GroupBy(n => n, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var i in members)
            {
                if (wanted[i].Names().Any(n => counts[n] > 1 || scope.IsTaken(n)))
                {
                    wanted[i] = Full(operations[i]);
                }
            }

            foreach (var i in members)
            {
                var operation = operations[i];
                var want = wanted[i];
                // The streaming variant is named after the method, so the two are claimed together.
                var member = HasStreamingVariant(operation) ? scope.ClaimWith(want.Method, "Streaming") : scope.Claim(want.Method);
                TaskSurfaceModel? surface = null;
                if (operation.Task != null)
                {
                    var noun = want.Noun!;
                    var handle = CanHaveHandle(operation) ? scope.ClaimFirst(HandleName(noun), noun + "Handle") : null;
                    surface = new TaskSurfaceModel(noun, handle, scope.Claim("WaitFor" + noun));
                }

                operations[i] = operation with { MemberName = member, TaskSurface = surface };
            }
        }

        /// <summary>The names an operation wants in a sub-client: without the tag's word, and with its family's noun.</summary>
        private static Wanted Shortened(List<OperationModel> operations, int index, string? group)
        {
            var operation = operations[index];
            if (group is null)
            {
                return Full(operation);
            }

            var method = WithoutWord(operation.MethodName, group);
            if (operation.Task is { } task)
            {
                var noun = FamilyNoun(operations, operation, task, method, group);
                var verb = ReadVerbs.FirstOrDefault(v => StartsWithWord(method, v)) ?? "Get";
                return new Wanted(verb + noun, noun);
            }

            if (operation.SubmitsTask is { } link && SoleSubmitOf(operations, link.FetchMethod) == operation
                && operations.First(o => o.MethodName == link.FetchMethod) is { Task: { } fetched } fetch && fetch.Group == group)
            {
                // A bare verb ("Create" in the Video sub-client) takes the family's noun.
                var noun = FamilyNoun(operations, fetch, fetched, WithoutWord(fetch.MethodName, group), group);
                var verb = SubmitVerbs.FirstOrDefault(v => StartsWithWord(method, v));
                if (verb != null && (method.Length == verb.Length || !fetched.NamedInSpec))
                {
                    return new Wanted(verb + noun, null);
                }
            }

            return new Wanted(method, null);
        }

        /// <summary>The noun of a fetch operation's family in its sub-client.</summary>
        private static string FamilyNoun(List<OperationModel> operations, OperationModel fetch, TaskModel task, string shortenedFetch, string group)
        {
            if (task.NamedInSpec)
            {
                return NonEmpty(WithoutWord(task.Noun, group), task.Noun);
            }

            if (SoleSubmitOf(operations, fetch.MethodName) is { } submit && submit.Group == group)
            {
                var shortenedSubmit = WithoutWord(submit.MethodName, group);
                var verb = SubmitVerbs.FirstOrDefault(v => StartsWithWord(shortenedSubmit, v));
                if (verb != null && shortenedSubmit.Length > verb.Length)
                {
                    return shortenedSubmit.Substring(verb.Length);
                }
            }

            var noun = TaskExtensionReader.NounOf(shortenedFetch);
            return noun == shortenedFetch && ReadVerbs.Contains(noun) ? task.Noun : NonEmpty(noun, task.Noun);
        }

        private static OperationModel? SoleSubmitOf(List<OperationModel> operations, string fetchMethod)
        {
            OperationModel? sole = null;
            foreach (var operation in operations)
            {
                if (operation.SubmitsTask?.FetchMethod == fetchMethod)
                {
                    if (sole != null)
                    {
                        return null;
                    }

                    sole = operation;
                }
            }

            return sole;
        }

        private static Wanted Full(OperationModel operation) => new Wanted(operation.MethodName, operation.Task?.Noun);

        /// <summary>A handle needs only the task id to fetch the task again.</summary>
        public static bool CanHaveHandle(OperationModel fetch)
        {
            var required = fetch.Parameters.Where(p => p.Required).ToList();
            return fetch.Task != null && required.Count == 1 && required[0].Name == fetch.Task.TaskIdParameter && required[0].Type.Kind == TypeRefKind.String
                   && (fetch.Body is null || !fetch.Body.Required);
        }

        private static string HandleName(string noun) => noun.EndsWith("Task", StringComparison.Ordinal) ? noun : noun + "Task";

        private static bool HasStreamingVariant(OperationModel operation)
            => operation.Response.EventType != null && operation.Response.Kind != ResponseKind.EventStream;

        /// <summary>
        /// <paramref name="name"/> without the first whole-word occurrence of <paramref name="word"/> (or its singular):
        /// <c>CreateKlingImage</c> without Kling, <c>CreateEmbedding</c> without Embeddings. Unchanged when the word
        /// is not there, or when what is left would not start a name.
        /// </summary>
        internal static string WithoutWord(string name, string word)
        {
            foreach (var candidate in new[] { word, Singular(word) }.Where(c => c.Length > 0).Distinct(StringComparer.Ordinal))
            {
                for (var at = name.IndexOf(candidate, StringComparison.Ordinal); at >= 0; at = name.IndexOf(candidate, at + 1, StringComparison.Ordinal))
                {
                    var end = at + candidate.Length;
                    var wordStart = at == 0 || char.IsUpper(candidate[0]);
                    var wordEnd = end == name.Length || char.IsUpper(name[end]) || char.IsDigit(name[end]);
                    if (!wordStart || !wordEnd)
                    {
                        continue;
                    }

                    var rest = name.Substring(0, at) + name.Substring(end);
                    return rest.Length > 0 && !char.IsDigit(rest[0]) ? rest : name.Length == candidate.Length ? string.Empty : name;
                }
            }

            return name;
        }

        private static string Singular(string word)
        {
            if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
            {
                return word.Substring(0, word.Length - 3) + "y";
            }

            return word.EndsWith("s", StringComparison.Ordinal) && !word.EndsWith("ss", StringComparison.Ordinal) && word.Length > 3 ? word.Substring(0, word.Length - 1) : word;
        }

        private static bool StartsWithWord(string name, string word)
            => name.StartsWith(word, StringComparison.Ordinal) && (name.Length == word.Length || char.IsUpper(name[word.Length]) || char.IsDigit(name[word.Length]));

        private static string NonEmpty(string value, string fallback) => value.Length > 0 ? value : fallback;

        /// <summary>The names one operation wants in its class: its method, and for a task fetch its family's noun.</summary>
        private sealed class Wanted
        {
            public Wanted(string method, string? noun)
            {
                Method = method.Length > 0 ? method : "Call";
                Noun = noun;
            }

            public string Method { get; }

            public string? Noun { get; }

            public IEnumerable<string> Names()
            {
                yield return Method;
                if (Noun != null)
                {
                    yield return HandleName(Noun);
                    yield return "WaitFor" + Noun;
                }
            }
        }
    }
}
