using System.ComponentModel;

namespace YEScale.Toolkit.Json
{
    /// <summary>
    /// Marks the constructor a generated converter creates a model with before it reads the members in: the one
    /// constructor that may leave <c>required</c> members unset, since the JSON sets them (or says they are missing).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct ModelReading
    {
    }
}
