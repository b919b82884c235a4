using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Toolkit.Tests.Coverage;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.CoverageTests
{
    /// <summary>Unions, enums and inheritance from Specs/coverage.openapi.yaml, round-tripped through a real server that echoes the JSON.</summary>
    public class SchemaRoundTripTests
    {
        private static Task<LoopbackServer> EchoServer() => LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Request.Body.CopyToAsync(context.Response.Body);
        });

        private static async Task<(T Result, string SentJson)> RoundTrip<T>(System.Func<CoverageClient, Task<T>> call)
        {
            await using var server = await EchoServer();
            using var http = server.CreateHttpClient();
            var result = await call(new CoverageClient(http));
            return (result, server.Requests.Single().Body);
        }

        [Fact]
        public async Task A_discriminated_union_is_built_from_a_variant_and_read_back_as_that_variant()
        {
            Pet dog = new Dog { PetType = "dog", Bark = "woof" };

            var (echoed, sent) = await RoundTrip(client => client.EchoPetAsync(dog));

            Assert.Equal("{\"petType\":\"dog\",\"bark\":\"woof\"}", sent);
            Assert.True(echoed.IsDog);
            Assert.False(echoed.IsCat);
            Assert.Equal("woof", echoed.AsDog!.Bark);
            Assert.Equal("dog says woof", echoed.Match(cat => "cat", d => "dog says " + d.Bark, unknown => "?"));
        }

        [Fact]
        public async Task A_discriminated_union_picks_the_variant_by_tag_even_when_the_shape_would_fit_another()
        {
            // Both required members are present, so only the tag can say which one it is.
            await using var server = await LoopbackServer.StartAsync(200, "{\"petType\":\"cat\",\"lives\":9,\"bark\":\"?\"}");
            using var http = server.CreateHttpClient();

            var pet = await new CoverageClient(http).EchoPetAsync(new Cat { PetType = "cat", Lives = 9 });

            Assert.True(pet.IsCat);
            Assert.Equal(9, pet.AsCat!.Lives);
        }

        [Fact]
        public async Task A_union_value_that_fits_no_variant_is_kept_and_written_back_unchanged()
        {
            await using var server = await LoopbackServer.StartAsync(200, "{\"petType\":\"parrot\",\"words\":[\"hello\"]}");
            using var http = server.CreateHttpClient();

            var pet = await new CoverageClient(http).EchoPetAsync(new Cat { PetType = "cat", Lives = 1 });

            Assert.True(pet.IsUnknown);
            Assert.Equal("parrot", pet.Unknown!.Value.GetProperty("petType").GetString());
            Assert.Equal("{\"petType\":\"parrot\",\"words\":[\"hello\"]}", Toolkit.Json.ApiJson.ToJsonString(pet, PetConverter()));
        }

        [Theory]
        [InlineData("{\"radius\":2}", true)]
        [InlineData("{\"side\":3,\"label\":\"s\"}", false)]
        public async Task A_union_without_discriminator_is_told_apart_by_required_members(string json, bool isCircle)
        {
            await using var server = await LoopbackServer.StartAsync(200, json);
            using var http = server.CreateHttpClient();

            var shape = await new CoverageClient(http).EchoShapeAsync(new Circle { Radius = 1 });

            Assert.Equal(isCircle, shape.IsCircle);
            Assert.Equal(!isCircle, shape.IsSquare);
            Assert.Equal(isCircle ? 2.0 : 3.0, shape.Match(c => c.Radius, s => s.Side, _ => -1));
        }

        [Fact]
        public async Task A_string_or_list_union_round_trips_both_forms()
        {
            var (single, sentSingle) = await RoundTrip(client => client.EchoStopAsync("\n"));
            var (list, sentList) = await RoundTrip(client => client.EchoStopAsync(new Stop(new List<string> { "a", "b" })));

            Assert.Equal("\"\\n\"", sentSingle);
            Assert.True(single.IsString);
            Assert.Equal("\n", single.AsString);
            Assert.Equal("[\"a\",\"b\"]", sentList);
            Assert.True(list.IsStringList);
            Assert.Equal(new[] { "a", "b" }, list.AsStringList);
        }

        [Fact]
        public async Task Integer_and_string_enums_round_trip_and_tolerate_values_the_spec_does_not_list()
        {
            var (ticket, sent) = await RoundTrip(client => client.EchoTicketAsync(new Ticket { Priority = Priority.High, Level = Level.Warn, Id = "server-only" }));

            Assert.Equal("{\"priority\":3,\"level\":\"warn\"}", sent); // the read-only id is not sent
            Assert.Equal(Priority.High, ticket.Priority);
            Assert.Equal(Level.Warn, ticket.Level);

            await using var server = await LoopbackServer.StartAsync(200, "{\"priority\":7,\"level\":\"panic\",\"id\":\"t-1\"}");
            using var http = server.CreateHttpClient();
            var unknown = await new CoverageClient(http).EchoTicketAsync(ticket);
            Assert.Equal(7, (long)unknown.Priority);
            Assert.False(System.Enum.IsDefined(unknown.Priority));
            Assert.Equal("panic", unknown.Level.ToString());
            Assert.False(unknown.Level.IsKnown);
            Assert.Equal("t-1", unknown.Id);
        }

        [Fact]
        public async Task A_discriminated_base_reads_the_derived_type_and_writes_its_own_members()
        {
            Animal dog = new GoodDog { Kind = "dog", Name = "Rex", Good = true };

            var (echoed, sent) = await RoundTrip(client => client.EchoAnimalAsync(dog));

            Assert.Equal("{\"kind\":\"dog\",\"name\":\"Rex\",\"good\":true}", sent);
            var read = Assert.IsType<GoodDog>(echoed);
            Assert.Equal("Rex", read.Name);
            Assert.True(read.Good);

            await using var server = await LoopbackServer.StartAsync(200, "{\"kind\":\"fish\",\"name\":\"Nemo\"}");
            using var http = server.CreateHttpClient();
            var other = await new CoverageClient(http).EchoAnimalAsync(dog);
            Assert.IsType<Animal>(other);
            Assert.Equal("Nemo", other.Name);
        }

        private static System.Text.Json.Serialization.JsonConverter<Pet> PetConverter()
            => (System.Text.Json.Serialization.JsonConverter<Pet>)new JsonSerializerOptions().GetConverter(typeof(Pet));
    }
}
