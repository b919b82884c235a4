using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Benchmarks.Baselines
{
    /// <summary>
    /// What a person would write for this one endpoint with HttpClient and System.Text.Json source generation, and
    /// nothing more: the key and Accept set once on the HttpClient, one escaped path segment, a status check, a
    /// streamed deserialize.
    /// </summary>
    internal sealed class HandWrittenSeedanceClient
    {
        private readonly HttpClient _http;

        public HandWrittenSeedanceClient(HttpClient http, string apiKey)
        {
            _http = http;
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        public async Task<SeedanceGenerationDto> GetSeedanceGenerationAsync(string taskId, CancellationToken cancellationToken = default)
        {
            using var response = await _http.GetAsync("seedance/generations/" + Uri.EscapeDataString(taskId), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(stream, HandWrittenJson.Default.SeedanceGenerationDto, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("The answer was JSON null.");
        }
    }
}
