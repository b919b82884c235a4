using System;
using System.Collections.Generic;
using System.Globalization;

namespace YEScale.Cli.Waiting
{
    /// <summary>A task as lines of text, for `yescale get` without --json.</summary>
    internal static class TaskText
    {
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

        public static IEnumerable<string> Lines(SeedanceGeneration task)
        {
            yield return task.Id;
            foreach (var (label, value) in Fields(task))
            {
                yield return $"  {label + ":",-9}{value}";
            }
        }

        /// <summary>True once succeeded, false once failed, cancelled or expired, null while pending (or unknown).</summary>
        public static bool? Outcome(SeedanceTaskStatus status)
        {
            if (status == SeedanceTaskStatus.Succeeded)
            {
                return true;
            }

            return status == SeedanceTaskStatus.Failed || status == SeedanceTaskStatus.Cancelled || status == SeedanceTaskStatus.Expired ? false : null;
        }

        private static string Time(DateTimeOffset time) =>
            time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
    }
}
