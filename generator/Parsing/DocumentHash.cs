using System.Security.Cryptography;
using System.Text;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>
    /// Identifies a version of a document by its text, so a project can tell whether a client in a referenced assembly
    /// was generated from the very document it lists. Line endings are normalized: a checkout on Windows is the same document.
    /// </summary>
    internal static class DocumentHash
    {
        public static string Of(string text)
        {
            var normalized = text.Replace("\r\n", "\n");
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(normalized));
            var builder = new StringBuilder(hash.Length * 2);
            foreach (var b in hash)
            {
                builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }
    }
}
