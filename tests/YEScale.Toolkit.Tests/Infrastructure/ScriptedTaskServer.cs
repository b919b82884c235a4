using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace YEScale.Toolkit.Tests.Infrastructure
{
    /// <summary>
    /// A task API on 127.0.0.1 that answers from a script: every POST with the submit answer, each GET with the next
    /// query answer (the last one repeated; each is given the server's own address, for result links), and any path
    /// under /files/ with <see cref="ResultBytes"/> as a PNG.
    /// </summary>
    public static class ScriptedTaskServer
    {
        /// <summary>The bytes every result download gets: a PNG signature.</summary>
        public static readonly byte[] ResultBytes = { 0x89, 0x50, 0x4E, 0x47 };

        public static Task<LoopbackServer> StartAsync(string submitAnswer, params Func<Uri, string>[] queryAnswers)
        {
            var script = new ConcurrentQueue<Func<Uri, string>>(queryAnswers);
            var last = queryAnswers[^1];
            return LoopbackServer.StartAsync(async context =>
            {
                if (context.Request.Path.StartsWithSegments("/files"))
                {
                    context.Response.ContentType = "image/png";
                    await context.Response.Body.WriteAsync(ResultBytes);
                    return;
                }

                context.Response.ContentType = "application/json";
                if (context.Request.Method == "POST")
                {
                    await context.Response.WriteAsync(submitAnswer);
                    return;
                }

                var self = new Uri(context.Request.Scheme + "://" + context.Request.Host + "/");
                await context.Response.WriteAsync((script.TryDequeue(out var next) ? next : last)(self));
            });
        }
    }
}
