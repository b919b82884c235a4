using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace YEScale.Simulator.Tasks
{
    /// <summary>
    /// The times a task answer shows, by their usual member names: created, updated, started and finished. Each is written
    /// in the example's own form: Unix seconds, Unix milliseconds (a large example value) or an ISO 8601 text.
    /// </summary>
    internal static class TaskTimes
    {
        private static readonly string[] CreatedNames = { "created_at", "createdAt", "create_time", "createTime", "created", "submit_time", "submitTime" };
        private static readonly string[] UpdatedNames = { "updated_at", "updatedAt", "update_time", "updateTime" };
        private static readonly string[] StartedNames = { "start_time", "startTime", "started_at", "startedAt" };
        private static readonly string[] FinishedNames = { "finish_time", "finishTime", "finished_at", "finishedAt", "completed_at", "completedAt", "end_time", "endTime" };

        // A Unix time this large is in milliseconds (in seconds it would be the year 5138).
        private const long MillisecondsThreshold = 100_000_000_000;

        /// <summary>Writes the task's times at <paramref name="now"/>; a time not reached yet (started, finished) is 0.</summary>
        public static void Apply(JsonObject holder, SimulatedTask task, DateTimeOffset now, SimulatorOptions options)
        {
            var phase = task.PhaseAt(now, options);
            Write(holder, CreatedNames, task.CreatedAt);
            Write(holder, UpdatedNames, task.UpdatedAt(now, options));
            Write(holder, StartedNames, phase == SimulatedTaskPhase.Queued ? null : task.CreatedAt + options.QueuedFor);
            Write(holder, FinishedNames, phase is SimulatedTaskPhase.Succeeded or SimulatedTaskPhase.Failed ? task.UpdatedAt(now, options) : null);
        }

        /// <summary>Writes a just-submitted task's times into a submit answer.</summary>
        public static void ApplySubmitted(JsonObject holder, DateTimeOffset now)
        {
            Write(holder, CreatedNames, now);
            Write(holder, UpdatedNames, now);
            Write(holder, StartedNames, null);
            Write(holder, FinishedNames, null);
        }

        /// <summary>The creation time an example shows, if it shows one.</summary>
        public static DateTimeOffset? Created(JsonObject? holder)
        {
            foreach (var name in CreatedNames)
            {
                switch (holder?[name])
                {
                    case JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var time) && time > 0:
                        return time >= MillisecondsThreshold ? DateTimeOffset.FromUnixTimeMilliseconds(time) : DateTimeOffset.FromUnixTimeSeconds(time);
                    case JsonValue value when IsIsoTime(value, out var time):
                        return time;
                }
            }

            return null;
        }

        private static void Write(JsonObject holder, string[] names, DateTimeOffset? time)
        {
            foreach (var name in names.Where(holder.ContainsKey))
            {
                if (holder[name] is not JsonValue example)
                {
                    continue;
                }

                if (example.GetValueKind() == JsonValueKind.Number && example.TryGetValue<long>(out var number))
                {
                    holder[name] = time is not { } t ? 0 : number >= MillisecondsThreshold ? t.ToUnixTimeMilliseconds() : t.ToUnixTimeSeconds();
                }
                else if (time is { } t && IsIsoTime(example, out _))
                {
                    holder[name] = t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                }
            }
        }

        private static bool IsIsoTime(JsonValue value, out DateTimeOffset time)
        {
            time = default;
            return value.GetValueKind() == JsonValueKind.String
                && value.GetValue<string>() is { Length: >= 19 } text && text[10] == 'T'
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
        }
    }
}
