using System;
using System.Collections.Generic;
using System.Globalization;
using YEScale.Cli.Families;
using YEScale.Toolkit.Polling;

namespace YEScale.Cli.Waiting
{
    /// <summary>A task as lines of text, for `yescale get` without --json.</summary>
    internal static class TaskText
    {
        /// <summary>A Seedance task says more than its handle: the model and its times.</summary>
        public static IEnumerable<(string Label, string Value)> Fields(SeedanceGeneration task)
        {
            yield return ("status", task.Status.ToString());
            yield return ("model", task.Model);
            yield return ("created", Time(task.CreatedAt));
            yield return ("updated", Time(task.UpdatedAt));
            if (task.Error is { } error)
            {
                yield return ("error", error.Message is null ? error.Code ?? "(none given)" : error.Code is null ? error.Message : $"{error.Message.TrimEnd('.')} ({error.Code}).");
            }

            if (task.Content?.VideoUrl is { Length: > 0 } video)
            {
                yield return ("video", video);
            }
        }

        public static IEnumerable<string> Lines(TaskFamily family, ApiTask task)
        {
            yield return task.Id;
            var fields = new List<(string Label, string Value)>(family.Fields(task));

            // Values line up in one column, at least one space after the longest label.
            var width = 9;
            foreach (var (label, _) in fields)
            {
                width = Math.Max(width, label.Length + 2);
            }

            foreach (var (label, value) in fields)
            {
                yield return "  " + (label + ":").PadRight(width) + value;
            }
        }

        /// <summary>True once succeeded, false once failed, null while pending.</summary>
        public static bool? Outcome(TaskState state) => state switch
        {
            TaskState.Succeeded => true,
            TaskState.Failed => false,
            _ => null,
        };

        private static string Time(DateTimeOffset time) =>
            time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
    }
}
