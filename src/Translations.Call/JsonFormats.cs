using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;

namespace Translations.Call;

/// <summary>Proto3 JSON as grpcurl prints it, able to print the google.rpc details packed into errors and outcomes.</summary>
public static class JsonFormats
{
    private static readonly TypeRegistry Details = TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor);

    public static JsonFormatter Indented { get; } = new(JsonFormatter.Settings.Default.WithIndentation().WithTypeRegistry(Details));

    public static JsonFormatter Compact { get; } = new(JsonFormatter.Settings.Default.WithTypeRegistry(Details));
}
