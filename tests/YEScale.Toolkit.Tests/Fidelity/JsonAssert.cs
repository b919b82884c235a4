using System.Text.Json.Nodes;
using Xunit;

namespace YEScale.Toolkit.Tests.FidelityTests
{
    /// <summary>JSON compared as values: member order aside, the same members, the same nulls, the same numbers.</summary>
    internal static class JsonAssert
    {
        public static void Same(string expected, string actual)
            => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), "expected " + expected + "\n  actual " + actual);
    }
}
