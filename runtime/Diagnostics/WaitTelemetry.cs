using System;
using System.Diagnostics;
using YEScale.Toolkit.Polling;

namespace YEScale.Toolkit.Diagnostics
{
    /// <summary>
    /// One task wait's span (<c>wait {operation}</c>, internal) and measurements: the polls it made, a span event per
    /// change of status and per failed poll, and how it ended. Created only when something listens
    /// (<see cref="ToolkitTelemetry.WaitsObserved"/>). The polls' own call spans are its children.
    /// </summary>
    internal sealed class WaitTelemetry
    {
        /// <summary>The span event of each change of status a poll saw.</summary>
        public const string StatusEvent = "yescale.task.status_changed";

        /// <summary>The span event of each poll that failed (and is tried again).</summary>
        public const string PollFailedEvent = "yescale.task.poll_failed";

        private readonly string _operation;
        private readonly long _started;
        private int _polls;
        private int _failedPolls;
        private bool _ended;

        private WaitTelemetry(string taskId, string operation)
        {
            _operation = operation;
            _started = Stopwatch.GetTimestamp();
            Activity = ToolkitTelemetry.Source.StartActivity("wait " + operation, ActivityKind.Internal);
            if (Activity is { IsAllDataRequested: true } activity)
            {
                activity.SetTag(SemanticConventions.TaskId, taskId);
                activity.SetTag(SemanticConventions.TaskOperation, operation);
            }
        }

        /// <summary>The wait's span, made current around each poll so that the poll's call span is its child; null when not sampled.</summary>
        public Activity? Activity { get; }

        /// <summary>The wait's telemetry, or null when nothing listens.</summary>
        public static WaitTelemetry? Start(string taskId, string operation)
            => ToolkitTelemetry.WaitsObserved ? new WaitTelemetry(taskId, operation) : null;

        /// <summary>A poll answered; when its status differs from the last, a span event says so.</summary>
        public void Answered(string? status, TaskState state, bool changed)
        {
            _polls++;
            if (ToolkitTelemetry.Polls.Enabled)
            {
                ToolkitTelemetry.Polls.Add(1, new TagList { { SemanticConventions.TaskOperation, _operation } });
            }

            if (changed && Activity is { IsAllDataRequested: true } activity)
            {
                activity.AddEvent(new ActivityEvent(StatusEvent, default, new ActivityTagsCollection
                {
                    { SemanticConventions.TaskStatus, status },
                    { SemanticConventions.TaskState, StateText(state) },
                    { SemanticConventions.TaskPolls, _polls + _failedPolls },
                }));
            }
        }

        /// <summary>A poll failed; the wait goes on, or ends with <see cref="End"/>.</summary>
        public void PollFailed(Exception failure)
        {
            _failedPolls++;
            var errorType = CallTelemetry.ErrorTypeOf(failure);
            if (ToolkitTelemetry.Polls.Enabled)
            {
                ToolkitTelemetry.Polls.Add(1, new TagList
                {
                    { SemanticConventions.TaskOperation, _operation },
                    { SemanticConventions.ErrorType, errorType },
                });
            }

            if (Activity is { IsAllDataRequested: true } activity)
            {
                activity.AddEvent(new ActivityEvent(PollFailedEvent, default, new ActivityTagsCollection
                {
                    { SemanticConventions.ErrorType, errorType },
                    { SemanticConventions.TaskPolls, _polls + _failedPolls },
                }));
            }
        }

        /// <summary>
        /// Ends the wait (once): <paramref name="state"/> is how (<c>succeeded</c>, <c>failed</c>, <c>timed_out</c>,
        /// <c>canceled</c>, <c>error</c>, <c>abandoned</c>), <paramref name="status"/> the server's last status word.
        /// </summary>
        public void End(string state, string? status, Exception? failure)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            if (ToolkitTelemetry.TaskDuration.Enabled)
            {
                var tags = new TagList
                {
                    { SemanticConventions.TaskOperation, _operation },
                    { SemanticConventions.TaskState, state },
                };
                if (failure != null)
                {
                    tags.Add(SemanticConventions.ErrorType, CallTelemetry.ErrorTypeOf(failure));
                }

                ToolkitTelemetry.TaskDuration.Record((Stopwatch.GetTimestamp() - _started) / (double)Stopwatch.Frequency, tags);
            }

            if (Activity is not { } activity)
            {
                return;
            }

            if (activity.IsAllDataRequested)
            {
                activity.SetTag(SemanticConventions.TaskPolls, _polls + _failedPolls);
                activity.SetTag(SemanticConventions.TaskPollFailures, _failedPolls);
                activity.SetTag(SemanticConventions.TaskState, state);
                if (status != null)
                {
                    activity.SetTag(SemanticConventions.TaskStatus, status);
                }

                if (failure != null)
                {
                    activity.SetTag(SemanticConventions.ErrorType, CallTelemetry.ErrorTypeOf(failure));
                }
            }

            if (failure != null)
            {
                activity.SetStatus(ActivityStatusCode.Error, state);
            }

            activity.Dispose();
        }

        /// <summary>The <c>yescale.task.state</c> word of a task state.</summary>
        public static string StateText(TaskState state) => state switch
        {
            TaskState.Succeeded => "succeeded",
            TaskState.Failed => "failed",
            _ => "pending",
        };

        /// <summary>The <c>yescale.task.state</c> word of a wait that ended with <paramref name="exception"/>.</summary>
        public static string StateOf(Exception exception) => exception switch
        {
            TaskFailedException => "failed",
            TaskTimeoutException => "timed_out",
            OperationCanceledException => "canceled",
            _ => "error",
        };
    }
}
