using System;
using System.Linq;
using Xunit;
using YEScale.Toolkit.Seedance;

namespace YEScale.Toolkit.Tests.Seedance
{
    /// <summary>Typed Seedance parameters written into, and read back out of, the text prompt.</summary>
    public class SeedancePromptTests
    {
        private const string SeedText = "A 20-year-old girl, sitting on a bench beside the street, smiling and shaking her hair";

        [Fact]
        public void Build_appends_every_flag_in_a_stable_order()
        {
            var parameters = new SeedanceParameters
            {
                CameraFixed = false,
                Duration = 10,
                Ratio = SeedanceRatio.Ratio16x9,
                Resolution = SeedanceResolution.P1080,
            };

            Assert.Equal(SeedText + " --resolution 1080p --ratio 16:9 --duration 10 --camerafixed false", SeedancePrompt.Build(SeedText, parameters));
        }

        [Fact]
        public void Build_reproduces_the_seed_examples_flags()
        {
            var parameters = new SeedanceParameters { Duration = 5, Resolution = SeedanceResolution.P480 };

            Assert.Equal(SeedText + " --resolution 480p --duration 5", SeedancePrompt.Build(SeedText, parameters));
        }

        [Fact]
        public void Build_adds_nothing_for_null_properties_or_null_parameters()
        {
            Assert.Equal(SeedText + " --camerafixed true", SeedancePrompt.Build(SeedText, new SeedanceParameters { CameraFixed = true }));
            Assert.Equal("text  ", SeedancePrompt.Build("text  ", new SeedanceParameters()));
            Assert.Equal("text  ", SeedancePrompt.Build("text  ", null));
        }

        [Fact]
        public void Build_replaces_a_flag_the_text_already_has_instead_of_repeating_it()
        {
            var parameters = new SeedanceParameters { Duration = 5 };

            Assert.Equal("a girl --duration 5", SeedancePrompt.Build("a girl --duration 10", parameters));
            Assert.Equal("a girl smiling --duration 5", SeedancePrompt.Build("a girl --duration 10 smiling", parameters));
            Assert.Equal("a girl --duration 5", SeedancePrompt.Build("--duration 10 a girl", parameters));
            Assert.Equal("a girl --duration 5", SeedancePrompt.Build("a girl --duration 10 --duration", parameters));
            Assert.Equal("line one\nline two --duration 5", SeedancePrompt.Build("line one --duration 10\nline two", parameters));
        }

        [Fact]
        public void Build_keeps_flags_it_does_not_set_and_unknown_flags()
        {
            var parameters = new SeedanceParameters { Duration = 5 };

            Assert.Equal("a girl --ratio 9:16 --seed 42 --duration 5", SeedancePrompt.Build("a girl --ratio 9:16 --seed 42", parameters));
            Assert.Equal("the --durations word --duration 5", SeedancePrompt.Build("the --durations word", parameters));
        }

        [Fact]
        public void Build_on_empty_text_gives_just_the_flags()
        {
            Assert.Equal("--ratio adaptive", SeedancePrompt.Build("", new SeedanceParameters { Ratio = SeedanceRatio.Adaptive }));
        }

        [Fact]
        public void Build_accepts_durations_the_docs_do_not_list_yet_and_rejects_non_positive_ones()
        {
            Assert.Equal("x --duration 15", SeedancePrompt.Build("x", new SeedanceParameters { Duration = 15 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => SeedancePrompt.Build("x", new SeedanceParameters { Duration = 0 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => SeedancePrompt.Build("x", new SeedanceParameters { Duration = -5 }));
        }

        [Fact]
        public void Build_rejects_null_text_and_default_struct_values()
        {
            Assert.Throws<ArgumentNullException>(() => SeedancePrompt.Build(null!, new SeedanceParameters()));
            Assert.Throws<ArgumentException>(() => SeedancePrompt.Build("x", new SeedanceParameters { Ratio = default(SeedanceRatio) }));
            Assert.Throws<ArgumentException>(() => SeedancePrompt.Build("x", new SeedanceParameters { Resolution = default(SeedanceResolution) }));
        }

        [Fact]
        public void Values_the_library_does_not_know_can_still_be_sent()
        {
            var parameters = new SeedanceParameters { Resolution = new SeedanceResolution("720p"), Ratio = new SeedanceRatio("2:1") };

            Assert.Equal("x --resolution 720p --ratio 2:1", SeedancePrompt.Build("x", parameters));
        }

        [Fact]
        public void Known_values_give_their_wire_text()
        {
            Assert.Equal("480p", SeedanceResolution.P480.ToString());
            Assert.Equal("1080p", SeedanceResolution.P1080.ToString());
            Assert.Equal(
                new[] { "21:9", "16:9", "4:3", "1:1", "3:4", "9:16", "9:21", "keep_ratio", "adaptive" },
                new[]
                {
                    SeedanceRatio.Ratio21x9, SeedanceRatio.Ratio16x9, SeedanceRatio.Ratio4x3, SeedanceRatio.Ratio1x1, SeedanceRatio.Ratio3x4,
                    SeedanceRatio.Ratio9x16, SeedanceRatio.Ratio9x21, SeedanceRatio.KeepRatio, SeedanceRatio.Adaptive,
                }.Select(r => r.ToString()));
            Assert.Equal(string.Empty, default(SeedanceRatio).ToString());
        }

        [Fact]
        public void Values_compare_by_text_ignoring_case()
        {
            Assert.Equal(SeedanceResolution.P1080, new SeedanceResolution("1080P"));
            Assert.True(SeedanceRatio.KeepRatio == new SeedanceRatio("KEEP_RATIO"));
            Assert.True(SeedanceRatio.Ratio16x9 != SeedanceRatio.Ratio9x16);
            Assert.Equal(SeedanceRatio.Adaptive.GetHashCode(), new SeedanceRatio("Adaptive").GetHashCode());
        }

        [Fact]
        public void Values_that_could_not_survive_the_prompt_are_rejected()
        {
            Assert.Throws<ArgumentNullException>(() => new SeedanceRatio(null!));
            Assert.Throws<ArgumentException>(() => new SeedanceRatio(""));
            Assert.Throws<ArgumentException>(() => new SeedanceRatio("16 : 9"));
            Assert.Throws<ArgumentException>(() => new SeedanceResolution("--480p"));
        }

        [Fact]
        public void TryParse_reads_the_seed_examples_flags_out_of_the_text()
        {
            Assert.True(SeedancePrompt.TryParse(SeedText + " --resolution 480p --duration 5", out var text, out var parameters));

            Assert.Equal(SeedText, text);
            Assert.Equal(SeedanceResolution.P480, parameters.Resolution);
            Assert.Equal(5, parameters.Duration);
            Assert.Null(parameters.Ratio);
            Assert.Null(parameters.CameraFixed);
        }

        [Fact]
        public void TryParse_reads_back_what_Build_wrote()
        {
            var written = new SeedanceParameters
            {
                Resolution = SeedanceResolution.P1080,
                Ratio = SeedanceRatio.KeepRatio,
                Duration = 10,
                CameraFixed = true,
            };

            Assert.True(SeedancePrompt.TryParse(SeedancePrompt.Build(SeedText, written), out var text, out var read));

            Assert.Equal(SeedText, text);
            Assert.Equal(written.Resolution, read.Resolution);
            Assert.Equal(written.Ratio, read.Ratio);
            Assert.Equal(written.Duration, read.Duration);
            Assert.Equal(written.CameraFixed, read.CameraFixed);
        }

        [Fact]
        public void TryParse_leaves_unknown_flags_in_the_text()
        {
            Assert.True(SeedancePrompt.TryParse("a girl --seed 42 --ratio 9:16 --watermark false", out var text, out var parameters));

            Assert.Equal("a girl --seed 42 --watermark false", text);
            Assert.Equal(SeedanceRatio.Ratio9x16, parameters.Ratio);
        }

        [Fact]
        public void TryParse_of_a_prompt_without_flags_succeeds_with_no_parameters()
        {
            Assert.True(SeedancePrompt.TryParse("just words", out var text, out var parameters));

            Assert.Equal("just words", text);
            Assert.Null(parameters.Duration);
            Assert.Null(parameters.Resolution);
            Assert.Null(parameters.Ratio);
            Assert.Null(parameters.CameraFixed);
        }

        [Fact]
        public void TryParse_takes_the_last_of_a_repeated_flag()
        {
            Assert.True(SeedancePrompt.TryParse("x --duration 5 y --duration 10", out var text, out var parameters));

            Assert.Equal("x y", text);
            Assert.Equal(10, parameters.Duration);
        }

        [Theory]
        [InlineData("x --duration")]
        [InlineData("x --duration --ratio 16:9")]
        [InlineData("x --duration\n10")]
        [InlineData("x --duration five")]
        [InlineData("x --duration 0")]
        [InlineData("x --duration -5")]
        [InlineData("x --duration 99999999999")]
        [InlineData("x --camerafixed maybe")]
        public void TryParse_fails_on_a_known_flag_without_a_readable_value_and_keeps_the_prompt(string prompt)
        {
            Assert.False(SeedancePrompt.TryParse(prompt, out var text, out var parameters));

            Assert.Equal(prompt, text);
            Assert.Null(parameters.Duration);
            Assert.Null(parameters.Ratio);
        }

        [Fact]
        public void TryParse_of_null_fails()
        {
            Assert.False(SeedancePrompt.TryParse(null!, out var text, out var parameters));

            Assert.Equal(string.Empty, text);
            Assert.NotNull(parameters);
        }
    }
}
