using System;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace YEScale.Toolkit.Tests.Client
{
    /// <summary>
    /// This project lists the spec as <c>&lt;OpenApiSpec Namespace="YEScale" ClientName="YEScaleClient" /&gt;</c>;
    /// the build props must carry that metadata to the generator, which must produce the promised surface.
    /// </summary>
    public class GeneratedSurfaceTests
    {
        [Fact]
        public void The_item_metadata_names_the_client_YEScale_YEScaleClient()
        {
            Assert.Equal("YEScale.YEScaleClient", typeof(YEScale.YEScaleClient).FullName);
            Assert.Equal("YEScale.SeedanceGeneration", typeof(YEScale.SeedanceGeneration).FullName);
        }

        [Fact]
        public void Seedance_GetGenerationAsync_has_the_documented_signature()
        {
            Assert.Equal(typeof(YEScale.SeedanceClient), typeof(YEScale.YEScaleClient).GetProperty("Seedance")!.PropertyType);
            var method = typeof(YEScale.SeedanceClient).GetMethod("GetGenerationAsync")!;

            Assert.Equal(typeof(Task<YEScale.SeedanceGeneration>), method.ReturnType);
            var parameters = method.GetParameters();
            Assert.Equal(new[] { "taskId", "requestOptions", "cancellationToken" }, parameters.Select(p => p.Name));
            Assert.Equal(typeof(string), parameters[0].ParameterType);
            Assert.Equal(typeof(RequestOptions), parameters[1].ParameterType);
            Assert.True(parameters[1].HasDefaultValue);
            Assert.Equal(typeof(CancellationToken), parameters[2].ParameterType);
            Assert.True(parameters[2].HasDefaultValue);
            Assert.True(method.IsVirtual);
        }

        [Fact]
        public void Required_members_are_non_nullable_and_optional_ones_nullable()
        {
            var context = new NullabilityInfoContext();
            NullabilityState State(System.Type type, string property) => context.Create(type.GetProperty(property)!).ReadState;

            Assert.Equal(NullabilityState.NotNull, State(typeof(YEScale.SeedanceGeneration), "Id"));
            Assert.Equal(NullabilityState.NotNull, State(typeof(YEScale.SeedanceGeneration), "Model"));
            // Required on the page, optional in the spec: a pending task has no video yet (TaskAnswerStateTests).
            Assert.Equal(NullabilityState.Nullable, State(typeof(YEScale.SeedanceGeneration), "Content"));
            Assert.Equal(NullabilityState.Nullable, State(typeof(YEScale.SeedanceGenerationContent), "VideoUrl"));
            Assert.Equal(NullabilityState.Nullable, State(typeof(YEScale.SeedanceContentItem), "Text"));
            Assert.Equal(NullabilityState.Nullable, State(typeof(YEScale.SeedanceContentItem), "ImageUrl"));
            Assert.Equal(typeof(DateTimeOffset), typeof(YEScale.SeedanceGeneration).GetProperty("CreatedAt")!.PropertyType);
        }
    }
}
