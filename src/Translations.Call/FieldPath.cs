using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Translations.Call;

/// <summary>
/// A dotted path to one field of a response, e.g. <c>release.id</c>, by proto names (<c>release_id</c>)
/// or JSON names (<c>releaseId</c>), checked against the response type before any call is made.
/// </summary>
public sealed class FieldPath
{
    private readonly IReadOnlyList<FieldDescriptor> _fields;

    private FieldPath(IReadOnlyList<FieldDescriptor> fields) => _fields = fields;

    public static FieldPath? Parse(string path, MessageDescriptor responseType, out string problem)
    {
        problem = "";
        MessageDescriptor? type = responseType;
        var fields = new List<FieldDescriptor>();
        foreach (var name in path.Split('.'))
        {
            var field = type?.FindFieldByName(name) ?? type?.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name);
            if (type is null || field is null)
            {
                var where = type is null ? $"{fields[^1].Name} has no fields" : $"{type.Name} has the fields {string.Join(", ", type.Fields.InDeclarationOrder().Select(f => f.Name))}";
                problem = $"--print {path}: there is no field '{name}' ({where}).";
                return null;
            }
            if (fields.Count > 0 && fields[^1].IsRepeated)
            {
                problem = $"--print {path}: {fields[^1].Name} is a list; print it whole.";
                return null;
            }
            fields.Add(field);
            type = field.FieldType == FieldType.Message ? field.MessageType : null;
        }
        return new FieldPath(fields);
    }

    /// <summary>The field's value on one line: text as it is, numbers as digits, enums by name, messages and lists as JSON; empty when unset.</summary>
    public string Format(IMessage message)
    {
        object? value = message;
        foreach (var field in _fields)
        {
            if (value is not IMessage current)
            {
                return "";
            }
            value = field.Accessor.GetValue(current);
        }
        var last = _fields[^1];
        return value switch
        {
            null => "",
            string text => text,
            IMessage or IList => Json(value),
            Enum when last.FieldType == FieldType.Enum => last.EnumType.FindValueByNumber(Convert.ToInt32(value, CultureInfo.InvariantCulture))?.Name ?? value.ToString()!,
            bool flag => flag ? "true" : "false",
            ByteString bytes => bytes.ToBase64(),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    private static string Json(object value)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        JsonFormats.Compact.WriteValue(writer, value);
        return writer.ToString();
    }
}
