using System;
using System.Collections.Generic;

namespace YEScale.Simulator
{
    /// <summary>One Seedance task the simulator keeps, with the request it was submitted with.</summary>
    public sealed class SimulatedTask
    {
        public SimulatedTask(string id, string model, IReadOnlyList<SimulatedContentItem> content, DateTimeOffset createdAt, bool willFail)
        {
            Id = id;
            Model = model;
            Content = content;
            CreatedAt = createdAt;
            WillFail = willFail;
        }

        public string Id { get; }

        public string Model { get; }

        public IReadOnlyList<SimulatedContentItem> Content { get; }

        public DateTimeOffset CreatedAt { get; }

        public bool WillFail { get; }

        /// <summary>The status at <paramref name="now"/>: queued, then running, then succeeded or <see cref="SimulatorOptions.FailureStatus"/>.</summary>
        public string StatusAt(DateTimeOffset now, SimulatorOptions options)
        {
            var age = now - CreatedAt;
            if (age < options.QueuedFor)
            {
                return "queued";
            }

            if (age < options.QueuedFor + options.RunningFor)
            {
                return "running";
            }

            return WillFail ? options.FailureStatus : "succeeded";
        }

        /// <summary>When the status last changed.</summary>
        public DateTimeOffset UpdatedAt(DateTimeOffset now, SimulatorOptions options)
        {
            var age = now - CreatedAt;
            if (age < options.QueuedFor)
            {
                return CreatedAt;
            }

            return age < options.QueuedFor + options.RunningFor ? CreatedAt + options.QueuedFor : CreatedAt + options.QueuedFor + options.RunningFor;
        }
    }

    /// <summary>One item of a task's prompt: text, or an image by URL.</summary>
    public sealed record SimulatedContentItem(string Type, string? Text, string? ImageUrl, string? Role);
}
