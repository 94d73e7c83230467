using System.Buffers.Text;
using System.Text;

namespace Translations.Releases;

/// <summary>The text form every cursor shares: its fields joined by '|', as opaque base64url.</summary>
internal static class CursorText
{
    public static string Encode(params string[] fields) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Join('|', fields)));

    /// <summary>The fields of <paramref name="encoded"/>, or null when it is longer than a cursor or not base64url.</summary>
    public static string[]? Decode(string encoded, int maxLength)
    {
        if (encoded.Length > maxLength || !Base64Url.IsValid(encoded))
        {
            return null;
        }
        try
        {
            return Encoding.ASCII.GetString(Base64Url.DecodeFromChars(encoded)).Split('|');
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
