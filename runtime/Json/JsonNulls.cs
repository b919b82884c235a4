using System;

namespace YEScale.Toolkit.Json
{
    /// <summary>
    /// The members of one generated model that hold an explicit JSON <c>null</c>: read as null from the wire, or a
    /// nullable member set to null in code. A member listed here is written as <c>null</c>; a member that holds no value
    /// and is not listed is left out. Nothing is allocated until a member is null.
    /// </summary>
    /// <remarks>Generated code keeps this in a field and mutates it in place; it is not meant to be copied around.</remarks>
    public struct JsonNulls
    {
        private string[]? _names;
        private int _count;

        /// <summary>
        /// True for an object read from JSON: a required member that the JSON left out stays out when it is written
        /// back (an answer is never given members it did not have); an object built in code sends its required members,
        /// null or not.
        /// </summary>
        public bool FromJson { get; set; }

        /// <summary>True when required member <paramref name="jsonName"/>, holding no value, is to be written as null.</summary>
        public readonly bool WritesRequiredNull(string jsonName) => !FromJson || Contains(jsonName);

        /// <summary>True when member <paramref name="jsonName"/> is an explicit null.</summary>
        public readonly bool Contains(string jsonName) => IndexOf(jsonName) >= 0;

        /// <summary>Marks member <paramref name="jsonName"/> as an explicit null.</summary>
        public void Add(string jsonName)
        {
            if (IndexOf(jsonName) >= 0)
            {
                return;
            }

            if (_names is null)
            {
                _names = new string[4];
            }
            else if (_count == _names.Length)
            {
                Array.Resize(ref _names, _count * 2);
            }

            _names[_count++] = jsonName;
        }

        /// <summary>Marks member <paramref name="jsonName"/> as null (<paramref name="isNull"/>) or as holding a value.</summary>
        public void Track(string jsonName, bool isNull)
        {
            if (isNull)
            {
                Add(jsonName);
                return;
            }

            var index = IndexOf(jsonName);
            if (index >= 0)
            {
                _names![index] = _names[--_count];
                _names[_count] = null!;
            }
        }

        private readonly int IndexOf(string jsonName)
        {
            for (var i = 0; i < _count; i++)
            {
                // Generated code passes the same interned literals, so the reference test almost always decides.
                if (ReferenceEquals(_names![i], jsonName) || string.Equals(_names[i], jsonName, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
