using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace YEScale.Toolkit.Generator.Tests.Probe
{
    /// <summary>
    /// Structural JSON equality for a round trip: member order ignored, numbers by value (integers exactly, others as
    /// double), strings exactly except those the client types (a date-time as the same instant and offset, a uuid
    /// ignoring case, base64 as the same bytes). Members the sampler marked as the client's policy (read-only members of
    /// an answer) may be missing on the way back.
    /// </summary>
    internal static class JsonComparer
    {
        public static List<ProbeDifference> Compare(string sent, string returned, SampleAnnotations? annotations = null)
        {
            var differences = new List<ProbeDifference>();
            using var sentDocument = JsonDocument.Parse(sent);
            JsonDocument returnedDocument;
            try
            {
                returnedDocument = JsonDocument.Parse(returned);
            }
            catch (JsonException exception)
            {
                differences.Add(new ProbeDifference(DifferenceKind.Exception, "$", sent, "the returned text is not JSON (" + exception.Message + "): " + ProbeDifference.Clip(returned)));
                return differences;
            }

            using (returnedDocument)
            {
                Compare(sentDocument.RootElement, returnedDocument.RootElement, "$", annotations ?? new SampleAnnotations(), differences);
            }

            return differences;
        }

        private static void Compare(JsonElement sent, JsonElement returned, string path, SampleAnnotations annotations, List<ProbeDifference> differences)
        {
            if (sent.ValueKind == JsonValueKind.Null)
            {
                if (returned.ValueKind != JsonValueKind.Null)
                {
                    differences.Add(new ProbeDifference(IsDefault(returned) ? DifferenceKind.NullBecameDefault : DifferenceKind.ValueChanged, path, "null", returned.GetRawText()));
                }

                return;
            }

            if (sent.ValueKind != returned.ValueKind)
            {
                differences.Add(new ProbeDifference(DifferenceKind.ValueChanged, path, sent.GetRawText(), returned.GetRawText()));
                return;
            }

            switch (sent.ValueKind)
            {
                case JsonValueKind.Object:
                    CompareObjects(sent, returned, path, annotations, differences);
                    break;
                case JsonValueKind.Array:
                    var sentItems = sent.EnumerateArray().ToList();
                    var returnedItems = returned.EnumerateArray().ToList();
                    if (sentItems.Count != returnedItems.Count)
                    {
                        differences.Add(new ProbeDifference(DifferenceKind.ValueChanged, path, sent.GetRawText(), returned.GetRawText()));
                    }

                    for (var i = 0; i < Math.Min(sentItems.Count, returnedItems.Count); i++)
                    {
                        Compare(sentItems[i], returnedItems[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", annotations, differences);
                    }

                    break;
                case JsonValueKind.Number:
                    if (!SameNumber(sent, returned))
                    {
                        differences.Add(new ProbeDifference(DifferenceKind.ValueChanged, path, sent.GetRawText(), returned.GetRawText()));
                    }

                    break;
                case JsonValueKind.String:
                    var kind = annotations.Strings.TryGetValue(path, out var typed) ? typed : (StringKind?)null;
                    if (!SameString(sent.GetString()!, returned.GetString()!, kind))
                    {
                        differences.Add(new ProbeDifference(DifferenceKind.ValueChanged, path, sent.GetRawText(), returned.GetRawText()));
                    }

                    break;
            }
        }

        private static void CompareObjects(JsonElement sent, JsonElement returned, string path, SampleAnnotations annotations, List<ProbeDifference> differences)
        {
            var back = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var member in returned.EnumerateObject())
            {
                if (!back.TryAdd(member.Name, member.Value))
                {
                    differences.Add(new ProbeDifference(DifferenceKind.MemberAdded, SchemaSampler.Member(path, member.Name), null, "written twice: " + member.Value.GetRawText()));
                }
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in sent.EnumerateObject())
            {
                var memberPath = SchemaSampler.Member(path, member.Name);
                seen.Add(member.Name);
                if (back.TryGetValue(member.Name, out var value))
                {
                    Compare(member.Value, value, memberPath, annotations, differences);
                }
                else if (!annotations.PolicyMembers.Contains(memberPath))
                {
                    differences.Add(new ProbeDifference(DifferenceKind.MemberDropped, memberPath, member.Value.GetRawText(), null));
                }
            }

            foreach (var pair in back)
            {
                var memberPath = SchemaSampler.Member(path, pair.Key);
                if (!seen.Contains(pair.Key) && !annotations.PolicyMembers.Contains(memberPath))
                {
                    differences.Add(new ProbeDifference(DifferenceKind.MemberAdded, memberPath, null, pair.Value.GetRawText()));
                }
            }
        }

        /// <summary>What a C# default looks like once written: 0, false, "", [], {}, a zero date or Guid.</summary>
        private static bool IsDefault(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble() == 0,
            JsonValueKind.False => true,
            JsonValueKind.String => value.GetString() is "" or "0001-01-01T00:00:00+00:00" or "0001-01-01T00:00:00" or "00000000-0000-0000-0000-000000000000",
            JsonValueKind.Array => value.GetArrayLength() == 0,
            JsonValueKind.Object => !value.EnumerateObject().Any(),
            _ => false,
        };

        private static bool SameNumber(JsonElement sent, JsonElement returned)
        {
            if (sent.TryGetInt64(out var left) && returned.TryGetInt64(out var right))
            {
                return left == right;
            }

            if (sent.TryGetDecimal(out var exactLeft) && returned.TryGetDecimal(out var exactRight) && exactLeft == exactRight)
            {
                return true;
            }

            return sent.GetDouble().Equals(returned.GetDouble());
        }

        private static bool SameString(string sent, string returned, StringKind? kind)
        {
            if (string.Equals(sent, returned, StringComparison.Ordinal))
            {
                return true;
            }

            switch (kind)
            {
                case StringKind.DateTime:
                    return DateTimeOffset.TryParse(sent, CultureInfo.InvariantCulture, DateTimeStyles.None, out var left)
                           && DateTimeOffset.TryParse(returned, CultureInfo.InvariantCulture, DateTimeStyles.None, out var right)
                           && left.UtcTicks == right.UtcTicks && left.Offset == right.Offset;
                case StringKind.Uuid:
                    return Guid.TryParse(sent, out var sentGuid) && Guid.TryParse(returned, out var returnedGuid) && sentGuid == returnedGuid;
                case StringKind.Bytes:
                    return TryBase64(sent, out var sentBytes) && TryBase64(returned, out var returnedBytes) && sentBytes.AsSpan().SequenceEqual(returnedBytes);
                default:
                    return false;
            }
        }

        private static bool TryBase64(string text, out byte[] bytes)
        {
            try
            {
                bytes = Convert.FromBase64String(text);
                return true;
            }
            catch (FormatException)
            {
                bytes = System.Array.Empty<byte>();
                return false;
            }
        }
    }
}
