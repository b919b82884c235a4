using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using YEScale.Simulator;
using static YEScale.Toolkit.Tests.Simulator.SimulatorHttp;

namespace YEScale.Toolkit.Tests.Simulator
{
    /// <summary>The embedded spec's <c>/v1/chat/completions</c>: whole answers, tool calls, JSON output and streamed chunks.</summary>
    public class ChatCompletionSimulatorTests
    {
        private const string Path = "/v1/chat/completions";

        [Fact]
        public async Task A_completion_has_n_choices_quoting_the_last_user_message_and_usage_that_adds_up()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await StartAsync(simulator);

            var (status, completion) = await PostJsonAsync(http, Path, """
                {"model":"gpt-4o-mini","n":2,"messages":[
                  {"role":"system","content":"Be brief."},
                  {"role":"user","content":"What is the capital of France?"},
                  {"role":"assistant","content":"Paris."},
                  {"role":"user","content":"And of Italy?"}]}
                """);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.StartsWith("chatcmpl-", completion.GetProperty("id").GetString());
            Assert.Equal("chat.completion", completion.GetProperty("object").GetString());
            Assert.InRange(completion.GetProperty("created").GetInt64(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
            Assert.Equal("gpt-4o-mini", completion.GetProperty("model").GetString());
            var choices = completion.GetProperty("choices").EnumerateArray().ToList();
            Assert.Equal(new[] { 0, 1 }, choices.Select(c => c.GetProperty("index").GetInt32()));
            Assert.All(choices, choice =>
            {
                Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
                Assert.Contains("\"And of Italy?\"", choice.GetProperty("message").GetProperty("content").GetString());
                Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
            });
            var usage = completion.GetProperty("usage");
            Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > 0);
            Assert.True(usage.GetProperty("completion_tokens").GetInt32() > 0);
            Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        }

        [Fact]
        public async Task Content_parts_are_read_and_an_image_is_mentioned()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await StartAsync(simulator);

            var (_, completion) = await PostJsonAsync(http, Path, """
                {"model":"gpt-4o","messages":[{"role":"user","content":[
                  {"type":"text","text":"What is in this picture?"},
                  {"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]}
                """);
            var (_, textOnly) = await PostJsonAsync(http, Path, """{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}""");

            var content = completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
            Assert.Contains("\"What is in this picture?\"", content);
            Assert.Contains("image", content);
            Assert.DoesNotContain("image", textOnly.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        }

        [Theory]
        [InlineData(null, "get_weather")]
        [InlineData("\"auto\"", "get_weather")]
        [InlineData("\"required\"", "get_weather")]
        [InlineData("{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}", "get_time")]
        public async Task Tools_get_a_tool_call_of_the_forced_function_or_the_first(string? toolChoice, string expected)
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await StartAsync(simulator);

            var (status, completion) = await PostJsonAsync(http, Path, ToolRequest(toolChoice));

            Assert.Equal(HttpStatusCode.OK, status);
            var choice = Assert.Single(completion.GetProperty("choices").EnumerateArray());
            Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
            var message = choice.GetProperty("message");
            Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
            var call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray());
            Assert.StartsWith("call_", call.GetProperty("id").GetString());
            Assert.Equal("function", call.GetProperty("type").GetString());
            Assert.Equal(expected, call.GetProperty("function").GetProperty("name").GetString());
            Assert.Equal("{}", call.GetProperty("function").GetProperty("arguments").GetString());
        }

        [Fact]
        public async Task A_tool_call_fills_the_required_arguments_from_the_tool_schema()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await StartAsync(simulator);
            const string body = """
                {"model":"gpt-4o","messages":[{"role":"user","content":"Weather?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","required":["city","days","unit"],
                   "properties":{"city":{"type":"string"},"days":{"type":"integer"},"unit":{"type":"string","enum":["celsius","fahrenheit"]},"note":{"type":"string"}}}}}]}
                """;

            var (_, completion) = await PostJsonAsync(http, Path, body);

            var arguments = completion.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString();
            Assert.Equal("""{"city":"simulated","days":1,"unit":"celsius"}""", arguments);
        }

        [Fact]
        public async Task Tool_results_at_the_end_of_the_conversation_are_answered_with_text_that_uses_them()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await StartAsync(simulator);
            const string body = """
                {"model":"gpt-4o","messages":[
                  {"role":"user","content":"What's the weather in Paris?"},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"18 degrees and sunny"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}
                """;

            var (status, completion) = await PostJsonAsync(http, Path, body);

            Assert.Equal(HttpStatusCode.OK, status);
            var choice = completion.GetProperty("choices")[0];
            Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
            Assert.False(choice.GetProperty("message").TryGetProperty("tool_calls", out _));
            Assert.Contains("18 degrees and sunny", choice.GetProperty("message").GetProperty("content").GetString());
        }

        [Fact]
        public async Task Tool_choice_none_answers_with_text()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await StartAsync(simulator);

            var (_, completion) = await PostJsonAsync(http, Path, ToolRequest("\"none\""));

            var choice = completion.GetProperty("choices")[0];
            Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
            Assert.False(choice.GetProperty("message").TryGetProperty("tool_calls", out _));
            Assert.Contains("weather", choice.GetProperty("message").GetProperty("content").GetString());
        }

        [Fact]
        public async Task A_JSON_response_format_answers_JSON_text_with_the_schema_s_required_members()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await StartAsync(simulator);

            var (_, schemaAnswer) = await PostJsonAsync(http, Path, """
                {"model":"gpt-4o","messages":[{"role":"user","content":"Describe a cat"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"cat","strict":true,"schema":{
                   "type":"object","required":["name","color"],
                   "properties":{"name":{"type":"string"},"color":{"type":"string"},"age":{"type":"integer"}}}}}}
                """);
            var (_, objectAnswer) = await PostJsonAsync(http, Path, """{"model":"gpt-4o","messages":[{"role":"user","content":"JSON please"}],"response_format":{"type":"json_object"}}""");

            using var cat = JsonDocument.Parse(schemaAnswer.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!);
            Assert.Equal("""{"name":"simulated","color":"simulated"}""", cat.RootElement.GetRawText());
            Assert.Equal("{}", objectAnswer.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        }

        [Fact]
        public async Task A_request_without_messages_is_refused()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await StartAsync(simulator);

            var (status, error) = await PostJsonAsync(http, Path, """{"model":"gpt-4o"}""");

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("'messages'", ErrorMessage(error));
        }

        [Fact]
        public async Task A_stream_sends_role_then_word_pieces_then_stop_then_DONE_each_as_soon_as_it_is_ready()
        {
            var delay = TimeSpan.FromMilliseconds(150);
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { StreamChunkDelay = delay });
            using var http = await StartAsync(simulator);
            using var request = new HttpRequestMessage(HttpMethod.Post, Path.TrimStart('/'))
            {
                Content = JsonBody("""{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Tell me a story"}]}"""),
            };

            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
            var events = new List<(string Data, TimeSpan At)>();
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    events.Add((line["data: ".Length..], watch.Elapsed));
                }
                else
                {
                    Assert.Equal(string.Empty, line); // each event is one data line and a blank line
                }
            }

            Assert.Equal("[DONE]", events[^1].Data);
            var chunks = events.SkipLast(1).Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
            Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
            Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
            var deltas = chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta")).ToList();
            Assert.Equal("""{"role":"assistant"}""", deltas[0].GetRawText());
            var pieces = deltas.Skip(1).SkipLast(1).Select(d => d.GetProperty("content").GetString()).ToList();
            Assert.True(pieces.Count >= 3, $"{pieces.Count} pieces");
            Assert.Contains("\"Tell me a story\"", string.Concat(pieces));
            Assert.Equal("{}", deltas[^1].GetRawText());
            Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
            Assert.All(chunks.SkipLast(1), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));

            // The first event arrived long before the last was written: every gap is the server's delay, not buffering.
            var spread = events[^1].At - events[0].At;
            Assert.True(spread >= (events.Count - 1) * delay * 0.8, $"first at {events[0].At}, last at {events[^1].At}, {events.Count} events");
            Assert.True(events[0].At < events[^1].At - delay, $"first at {events[0].At}, last at {events[^1].At}");
        }

        [Fact]
        public async Task A_stream_with_tools_streams_the_tool_call_and_with_include_usage_ends_with_usage()
        {
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { StreamChunkDelay = TimeSpan.Zero });
            using var http = await StartAsync(simulator);
            var body = ToolRequest(null).TrimEnd().TrimEnd('}') + ""","stream":true,"stream_options":{"include_usage":true}}""";

            using var response = await http.PostAsync(Path.TrimStart('/'), JsonBody(body));
            var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..]).ToList();

            Assert.Equal("[DONE]", events[^1]);
            var chunks = events.SkipLast(1).Select(e => JsonDocument.Parse(e).RootElement).ToList();
            var call = chunks[1].GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls")[0];
            Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
            Assert.Equal("{}", chunks[2].GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
            Assert.Equal("tool_calls", chunks[3].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
            Assert.Equal(0, chunks[4].GetProperty("choices").GetArrayLength());
            Assert.True(chunks[4].GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
        }

        private static string ToolRequest(string? toolChoice) => """
            {"model":"gpt-4o","messages":[{"role":"user","content":"What's the weather in Paris?"}],
             "tools":[
               {"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},
               {"type":"function","function":{"name":"get_time","parameters":{"type":"object"}}}]
            """ + (toolChoice is null ? string.Empty : ",\"tool_choice\":" + toolChoice) + "}";
    }
}
