using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Translations.V1;

namespace Translations.Call;

/// <summary>The methods of the translations.v1 services, found by name in the generated descriptors.</summary>
public static class ContractMethods
{
    private static readonly IReadOnlyList<ServiceDescriptor> Services =
    [
        .. ReleaseServiceReflection.Descriptor.Services,
        .. EditorialServiceReflection.Descriptor.Services,
        .. TranslationServiceReflection.Descriptor.Services,
    ];

    /// <summary>
    /// <c>Service/Method</c>, with or without the package (<c>translations.v1.</c>) and a leading slash;
    /// null with the reason when there is no such method.
    /// </summary>
    public static MethodDescriptor? Find(string name, out string problem)
    {
        problem = "";
        var parts = name.TrimStart('/').Split('/');
        if (parts is not [var serviceName, var methodName] || serviceName.Length == 0 || methodName.Length == 0)
        {
            problem = $"'{name}' is not a method: write it as Service/Method, e.g. EditorialService/CreateRelease. Services: {ServiceNames()}.";
            return null;
        }
        var service = Services.FirstOrDefault(s => s.FullName == serviceName || s.Name == serviceName);
        if (service is null)
        {
            problem = $"There is no service '{serviceName}'. Services: {ServiceNames()}.";
            return null;
        }
        var method = service.FindMethodByName(methodName);
        if (method is null)
        {
            problem = $"{service.Name} has no method '{methodName}'. Its methods: {string.Join(", ", service.Methods.Select(m => m.Name))}.";
        }
        return method;
    }

    /// <summary>A gRPC method that sends and receives the descriptor's messages.</summary>
    public static Method<IMessage, IMessage> ToCallable(this MethodDescriptor method) => new(
        method.IsClientStreaming
            ? method.IsServerStreaming ? MethodType.DuplexStreaming : MethodType.ClientStreaming
            : method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary,
        method.Service.FullName,
        method.Name,
        MarshallerFor(method.InputType),
        MarshallerFor(method.OutputType));

    private static Marshaller<IMessage> MarshallerFor(MessageDescriptor type) =>
        Marshallers.Create(message => message.ToByteArray(), bytes => type.Parser.ParseFrom(bytes));

    private static string ServiceNames() => string.Join(", ", Services.Select(s => s.Name));
}
