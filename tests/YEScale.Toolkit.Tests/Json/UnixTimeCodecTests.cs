using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Xunit;
using YEScale.Toolkit.Json;

namespace YEScale.Toolkit.Tests.Json
{
    /// <summary>The converters behind <c>format: unix-time</c> and <c>format: unix-time-ms</c>.</summary>
    public class UnixTimeCodecTests
    {
        private static DateTimeOffset Read(JsonConverter<DateTimeOffset> converter, string json)
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            reader.Read();
            return converter.Read(ref reader, typeof(DateTimeOffset), new JsonSerializerOptions());
        }

        private static string Write(JsonConverter<DateTimeOffset> converter, DateTimeOffset value)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                converter.Write(writer, value, new JsonSerializerOptions());
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        [Theory]
        [InlineData("1751427271")]
        [InlineData("1751427271.0")]
        [InlineData("1.751427271e9")]
        public void Seconds_read_from_a_whole_number_however_it_is_written(string json)
        {
            Assert.Equal(new DateTimeOffset(2025, 7, 2, 3, 34, 31, TimeSpan.Zero), Read(ApiCodecs.UnixSeconds, json));
        }

        [Fact]
        public void Fractional_seconds_keep_their_milliseconds()
        {
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1751427271250), Read(ApiCodecs.UnixSeconds, "1751427271.25"));
        }

        [Fact]
        public void Milliseconds_read_and_write_back_the_same_number()
        {
            var value = Read(ApiCodecs.UnixMilliseconds, "1751427271123");

            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1751427271123), value);
            Assert.Equal("1751427271123", Write(ApiCodecs.UnixMilliseconds, value));
        }

        [Fact]
        public void Seconds_write_back_as_a_whole_number_in_UTC_whatever_the_offset()
        {
            var value = new DateTimeOffset(2025, 7, 2, 11, 34, 31, TimeSpan.FromHours(8));

            Assert.Equal("1751427271", Write(ApiCodecs.UnixSeconds, value));
        }

        [Theory]
        [InlineData("1e300")]
        [InlineData("-99999999999999")]
        public void A_number_that_is_no_moment_is_a_JsonException_not_an_overflow(string json)
        {
            var error = Assert.Throws<JsonException>(() => Read(ApiCodecs.UnixSeconds, json));
            Assert.Contains("Unix time", error.Message);
        }

        [Fact]
        public void A_quoted_number_is_the_wrong_type_as_for_any_number()
        {
            // The reader's own complaint: ApiJson.Read turns it into a JsonException that says where.
            Assert.Throws<InvalidOperationException>(() => Read(ApiCodecs.UnixSeconds, "\"1751427271\""));
        }
    }
}
