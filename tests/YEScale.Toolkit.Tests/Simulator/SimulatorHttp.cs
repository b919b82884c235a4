using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using YEScale.Simulator;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Simulator
{
    /// <summary>Raw HTTP and JSON helpers for the simulator tests: no generated client, so they test the simulator alone.</summary>
    internal static class SimulatorHttp
    {
        /// <summary>The test project's Specs folder, in the source tree (the specs are not copied to the output).</summary>
        public static string SpecsDirectory { get; } = Path.Combine(SeedPage.Repository, "tests", "YEScale.Toolkit.Tests", "Specs");

        /// <summary>The repository's spec, the one the simulator embeds.</summary>
        public static string EmbeddedSpecSource { get; } = Path.Combine(SeedPage.Repository, "spec", "yescale.openapi.yaml");

        /// <summary>Polls <paramref name="probe"/> until it gives a value: what the simulator records after it answers (or after the client left).</summary>
        public static async Task<T> EventuallyAsync<T>(Func<T?> probe, TimeSpan within)
            where T : class
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                if (probe() is { } value)
                {
                    return value;
                }

                Assert.True(watch.Elapsed < within, "timed out waiting for the simulator");
                await Task.Delay(10);
            }
        }

        public static async Task<HttpClient> StartAsync(YEScaleSimulator simulator) => new() { BaseAddress = await simulator.StartAsync() };

        public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

        public static async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(HttpClient http, string path, string json)
        {
            using var response = await http.PostAsync(path.TrimStart('/'), JsonBody(json));
            return (response.StatusCode, await ReadJsonAsync(response));
        }

        public static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(HttpClient http, string path)
        {
            using var response = await http.GetAsync(path.TrimStart('/'));
            return (response.StatusCode, await ReadJsonAsync(response));
        }

        /// <summary>The body as JSON (undefined when empty); fails with the text when it does not parse.</summary>
        public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (text.Length == 0)
            {
                return default;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException exception)
            {
                throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} answer is not JSON: {text} ({exception.Message})");
            }
        }

        /// <summary>The value at a JSON pointer (a numeric token indexes an array); undefined when it is not there.</summary>
        public static JsonElement At(JsonElement root, string pointer)
        {
            var current = root;
            if (pointer.Length == 0)
            {
                return current;
            }

            foreach (var raw in pointer[1..].Split('/'))
            {
                var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var member))
                {
                    current = member;
                }
                else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
                {
                    current = current[index];
                }
                else
                {
                    return default;
                }
            }

            return current;
        }

        /// <summary>A scalar's text: a string as it is, a number or boolean as written; null when missing or null.</summary>
        public static string? TextAt(JsonElement root, string pointer)
        {
            var value = At(root, pointer);
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            };
        }

        public static string ErrorMessage(JsonElement body) => body.GetProperty("error").GetProperty("message").GetString()!;
    }

    /// <summary>A spec written for one test, deleted afterwards.</summary>
    internal sealed class TempSpec : IDisposable
    {
        public TempSpec(string yaml, string extension = ".yaml")
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "yescale-simulator-" + Guid.NewGuid().ToString("N") + extension);
            File.WriteAllText(Path, yaml);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
