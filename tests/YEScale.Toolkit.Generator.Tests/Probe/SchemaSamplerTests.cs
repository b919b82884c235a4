using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using NJsonSchema;
using Xunit;

namespace YEScale.Toolkit.Generator.Tests.Probe
{
    /// <summary>The sampler writes the shapes the probe is for, valid for the schema, the same for a seed.</summary>
    public class SchemaSamplerTests
    {
        private const int Seeds = 80;

        private static readonly Lazy<ProbeSpec> Spec30 = new(() => ProbeSpec.Load(KnownShapes.File30, Array.Empty<Infrastructure.SpecFile>()));
        private static readonly Lazy<ProbeSpec> Spec31 = new(() => ProbeSpec.Load(KnownShapes.File31, Array.Empty<Infrastructure.SpecFile>()));

        private static List<(JsonElement Root, SampleAnnotations Annotations)> Samples(Lazy<ProbeSpec> spec, string component, ProbeDirection direction = ProbeDirection.Response)
        {
            var schema = spec.Value.Document.Definitions[component];
            return Enumerable.Range(0, Seeds)
                .Select(seed => SchemaSampler.Sample(schema, seed, direction, spec.Value.Catalog))
                .Select(sample => (JsonDocument.Parse(sample.Json).RootElement, sample.Annotations))
                .ToList();
        }

        private static List<JsonElement> Members(IEnumerable<(JsonElement Root, SampleAnnotations Annotations)> samples, string name)
            => samples.Where(s => s.Root.TryGetProperty(name, out _)).Select(s => s.Root.GetProperty(name)).ToList();

        [Fact]
        public void The_same_seed_gives_the_same_JSON_and_other_seeds_other_JSON()
        {
            var schema = Spec30.Value.Document.Definitions["Job"];
            var first = SchemaSampler.Sample(schema, 42, ProbeDirection.Response, Spec30.Value.Catalog).Text;
            var again = SchemaSampler.Sample(schema, 42, ProbeDirection.Response, Spec30.Value.Catalog).Text;
            var others = Enumerable.Range(0, 10).Select(seed => SchemaSampler.Sample(schema, seed, ProbeDirection.Response, Spec30.Value.Catalog).Text).Distinct().Count();

            Assert.Equal(first, again);
            Assert.True(others >= 9, "only " + others + " distinct samples of 10");
        }

        [Fact]
        public void OpenApi_30_nullable_members_are_null_about_a_quarter_of_the_time_and_required_ones_always_present()
        {
            var samples = Samples(Spec30, "Job");
            var progress = Members(samples, "progress");
            var done = Members(samples, "done");

            Assert.Equal(Seeds, progress.Count);
            Assert.Equal(Seeds, done.Count);
            Assert.InRange(progress.Count(v => v.ValueKind == JsonValueKind.Null), Seeds / 10, Seeds / 2);
            Assert.Contains(progress, v => v.ValueKind == JsonValueKind.Number);
            Assert.InRange(done.Count(v => v.ValueKind == JsonValueKind.Null), Seeds / 10, Seeds / 2);
            Assert.Contains(done, v => v.ValueKind is JsonValueKind.True or JsonValueKind.False);
            Assert.Contains(Members(samples, "attempts"), v => v.ValueKind == JsonValueKind.Null);
            Assert.Contains(Members(samples, "created_at"), v => v.ValueKind == JsonValueKind.Null);
            Assert.Contains(Members(samples, "labels").SelectMany(m => m.EnumerateObject()), p => p.Value.ValueKind == JsonValueKind.Null);
            Assert.Contains(Members(samples, "scores").SelectMany(m => m.EnumerateArray()), v => v.ValueKind == JsonValueKind.Null);
            Assert.DoesNotContain(Members(samples, "size"), v => v.ValueKind == JsonValueKind.Null);
        }

        [Fact]
        public void OpenApi_31_type_lists_and_anyOf_with_null_are_sometimes_null()
        {
            var samples = Samples(Spec31, "Task");
            var progress = Members(samples, "progress");

            Assert.Equal(Seeds, progress.Count);
            Assert.InRange(progress.Count(v => v.ValueKind == JsonValueKind.Null), Seeds / 10, Seeds / 2);
            Assert.Contains(progress, v => v.ValueKind == JsonValueKind.Number);
            foreach (var name in new[] { "finished", "eta", "result", "error" })
            {
                var values = Members(samples, name);
                Assert.Contains(values, v => v.ValueKind == JsonValueKind.Null);
                Assert.Contains(values, v => v.ValueKind != JsonValueKind.Null);
            }

            Assert.All(Members(samples, "eta").Where(v => v.ValueKind != JsonValueKind.Null), v => Assert.True(v.TryGetInt64(out _)));
        }

        [Fact]
        public void A_string_or_object_union_gets_both_strings_and_objects()
        {
            var output = Members(Samples(Spec30, "Job"), "output");
            var result = Members(Samples(Spec31, "Task"), "result");

            Assert.Contains(output, v => v.ValueKind == JsonValueKind.String);
            Assert.Contains(output, v => v.ValueKind == JsonValueKind.Object && v.TryGetProperty("url", out _));
            Assert.Contains(result, v => v.ValueKind == JsonValueKind.String);
            Assert.Contains(result, v => v.ValueKind == JsonValueKind.Object && v.TryGetProperty("text", out _));
        }

        [Fact]
        public void A_union_in_allOf_with_a_nullable_part_is_that_union_or_null_not_an_object_merged_from_parts()
        {
            var choices = Members(Samples(Spec30, "Job"), "tool_choice");

            Assert.Contains(choices, v => v.ValueKind == JsonValueKind.Null);
            Assert.Contains(choices, v => v.ValueKind == JsonValueKind.String);
            Assert.Contains(choices, v => v.ValueKind == JsonValueKind.Object);
            Assert.All(choices.Where(v => v.ValueKind == JsonValueKind.String), v => Assert.Contains(v.GetString(), new[] { "none", "auto" }));
            Assert.All(choices.Where(v => v.ValueKind == JsonValueKind.Object), v => Assert.Equal("function", v.GetProperty("type").GetString()));
        }

        [Fact]
        public void A_discriminated_union_member_carries_the_tag_mapped_to_its_variant()
        {
            var pets = Samples(Spec30, "Pet").Select(s => s.Root).ToList();

            Assert.All(pets, pet => Assert.Contains(pet.GetProperty("pet_type").GetString(), new[] { "cat", "dog" }));
            Assert.Contains(pets, pet => pet.GetProperty("pet_type").GetString() == "cat");
            Assert.Contains(pets, pet => pet.GetProperty("pet_type").GetString() == "dog");
            Assert.DoesNotContain(pets, pet => pet.GetProperty("pet_type").GetString() == "cat" && pet.TryGetProperty("bark", out _));
            Assert.DoesNotContain(pets, pet => pet.GetProperty("pet_type").GetString() == "dog" && pet.TryGetProperty("lives", out _));
        }

        [Fact]
        public void Read_only_members_are_only_in_answers_and_write_only_members_only_in_requests()
        {
            var answers = Samples(Spec30, "Job");
            var jobRequests = Samples(Spec30, "Job", ProbeDirection.Request);
            var requests = Samples(Spec30, "JobRequest", ProbeDirection.Request);
            var requestAnswers = Samples(Spec30, "JobRequest");

            Assert.All(answers, s => Assert.True(s.Root.TryGetProperty("id", out _)));
            Assert.All(answers, s => Assert.Contains("$.id", s.Annotations.PolicyMembers));
            Assert.All(jobRequests, s => Assert.False(s.Root.TryGetProperty("id", out _)));
            Assert.Contains(requests, s => s.Root.TryGetProperty("secret", out _));
            Assert.All(requestAnswers, s => Assert.False(s.Root.TryGetProperty("secret", out _)));
        }

        [Fact]
        public void Typed_strings_and_numbers_fit_what_the_client_reads()
        {
            var samples = Samples(Spec30, "Job");
            var dates = Members(samples, "created_at").Where(v => v.ValueKind == JsonValueKind.String).ToList();
            Assert.NotEmpty(dates);
            Assert.All(dates, v => Assert.True(v.TryGetDateTimeOffset(out _), v.GetString()));
            Assert.All(dates, v => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?(Z|[+-]\d\d:\d\d)$", v.GetString()!));
            Assert.Contains(dates, v => v.GetString()!.Contains('.'));
            Assert.All(samples, s => Assert.Equal(StringKind.Uuid, s.Annotations.Strings["$.id"]));
            Assert.All(Members(samples, "id"), v => Assert.True(v.TryGetGuid(out _), v.GetString()));
            Assert.All(Members(samples, "checksum"), v => Assert.True(v.TryGetBytesFromBase64(out _), v.GetString()));
            Assert.All(Members(samples, "attempts").Where(v => v.ValueKind == JsonValueKind.Number), v => Assert.True(v.TryGetInt32(out _), v.GetRawText()));
            Assert.Contains(Members(samples, "size"), v => v.GetInt64() > (1L << 53));
            Assert.All(Members(samples, "ratio"), v =>
            {
                Assert.InRange(v.GetDouble(), 0, 1);
                Assert.Equal(v.GetDouble(), (double)float.Parse(v.GetRawText(), CultureInfo.InvariantCulture), 0);
                Assert.Equal(v.GetDouble(), double.Parse(v.GetSingle().ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            });
            Assert.All(Members(samples, "note").Where(v => v.ValueKind == JsonValueKind.String), v => Assert.True(v.GetString()!.Length <= 10));
            Assert.All(Members(samples, "scores"), v => Assert.True(v.GetArrayLength() <= 4));
        }

        [Fact]
        public void Enum_and_const_values_come_from_the_schema()
        {
            var requests = Samples(Spec30, "JobRequest", ProbeDirection.Request);
            var priorities = Members(requests, "priority");
            var kinds = Members(requests, "kind");
            var statuses = Members(Samples(Spec31, "Task"), "status");

            Assert.NotEmpty(priorities);
            Assert.All(priorities, v => Assert.Contains(v.GetInt32(), new[] { 1, 2, 3 }));
            Assert.All(kinds, v => Assert.Contains(v.GetString(), new[] { "fast", "slow" }));
            Assert.All(statuses, v => Assert.Contains(v.GetString(), new[] { "queued", "running" }));
            Assert.All(requests, s => Assert.True(s.Root.GetProperty("name").GetString()!.Length >= 1));
        }

        [Fact]
        public void Open_objects_sometimes_get_an_unknown_member_and_closed_ones_never()
        {
            var jobs = Samples(Spec30, "Job");
            var outputs = Members(jobs, "output").Where(v => v.ValueKind == JsonValueKind.Object).ToList();

            Assert.Contains(jobs, s => s.Root.TryGetProperty(SchemaSampler.ExtraMember, out _));
            Assert.NotEmpty(outputs);
            Assert.DoesNotContain(outputs, o => o.TryGetProperty(SchemaSampler.ExtraMember, out _));
            Assert.All(Members(jobs, "labels"), m => Assert.DoesNotContain(m.EnumerateObject(), p => p.Name == SchemaSampler.ExtraMember));
        }

        [Fact]
        public void Recursion_is_bounded_and_a_required_recursive_member_ends_in_null()
        {
            foreach (var (root, annotations) in Samples(Spec31, "Task").Concat(Samples(Spec30, "JobRequest", ProbeDirection.Request)))
            {
                Assert.False(annotations.Truncated);
                Assert.InRange(Depth(root), 1, 2 * (SchemaSampler.FullDepth + 2));
            }

            // Task.parent is required and nullable: past the full depth the chain ends in null.
            var deepest = Samples(Spec31, "Task").Select(s => s.Root).Max(ParentChain);
            Assert.InRange(deepest, 1, SchemaSampler.FullDepth + 1);
        }

        [Fact]
        public void A_schema_that_says_nothing_gets_any_JSON_null_included()
        {
            var kinds = Enumerable.Range(0, Seeds).Select(seed => JsonDocument.Parse(SchemaSampler.Sample(new JsonSchema(), seed, ProbeDirection.Response).Json).RootElement.ValueKind).Distinct().ToList();

            Assert.Contains(JsonValueKind.Null, kinds);
            Assert.Contains(JsonValueKind.Object, kinds);
            Assert.Contains(JsonValueKind.String, kinds);
        }

        private static int Depth(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => 1 + element.EnumerateObject().Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
            JsonValueKind.Array => 1 + element.EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max(),
            _ => 0,
        };

        private static int ParentChain(JsonElement task)
        {
            var length = 0;
            for (var current = task; current.ValueKind == JsonValueKind.Object; current = current.GetProperty("parent"))
            {
                length++;
            }

            return length;
        }
    }
}
