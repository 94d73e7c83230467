using System.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Status = Google.Rpc.Status;

namespace Translations.Errors;

/// <summary>
/// grpc-dotnet reports a request it cannot decode (truncated bytes, invalid UTF-8, a compressed
/// message that does not decompress) as UNKNOWN, before any interceptor runs. This replaces its method
/// binder with one that binds the same generated methods, with the same metadata, but whose request
/// decoding turns such failures into INVALID_ARGUMENT, and wraps its compression providers likewise:
/// a client's bad bytes are the client's mistake. (Broken framing is <see cref="RequestFraming"/>'s.)
/// </summary>
public static class SafeRequestDecoding
{
    /// <summary>grpc-dotnet's own method binder, which every AddGrpc() registers (AddGrpcSwagger calls it too).</summary>
    private static readonly System.Type DefaultBinder = typeof(GrpcServiceOptions).Assembly
        .GetType("Grpc.AspNetCore.Server.Model.Internal.BinderServiceMethodProvider`1", throwOnError: true)!;

    /// <summary>
    /// Call after everything that calls AddGrpc(); calling it again is harmless. Other method providers
    /// (JSON transcoding's) stay.
    /// </summary>
    public static IServiceCollection AddSafeRequestDecoding(this IServiceCollection services)
    {
        foreach (var binder in services.Where(service => service.ServiceType == typeof(IServiceMethodProvider<>) && service.ImplementationType == DefaultBinder).ToList())
        {
            services.Remove(binder);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(SafeBinderServiceMethodProvider<>)));
        // After grpc-dotnet's own set-up has added its default providers (gzip, deflate).
        services.PostConfigure<GrpcServiceOptions>(options =>
        {
            var providers = options.CompressionProviders;
            for (var i = 0; i < providers.Count; i++)
            {
                providers[i] = providers[i] as SafeDecompression ?? new SafeDecompression(providers[i]);
            }
        });
        return services;
    }

    internal static Marshaller<T> Safe<T>(Marshaller<T> inner) => new(inner.ContextualSerializer, context =>
    {
        try
        {
            return inner.ContextualDeserializer(context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw InvalidRequest($"The request is not a valid {typeof(T).Name} message.", e.Message);
        }
    });

    /// <summary>INVALID_ARGUMENT with one field violation on <c>request</c>: the client sent bytes that are not a request.</summary>
    internal static RpcException InvalidRequest(string message, string description) => new Status
    {
        Code = (int)Code.InvalidArgument,
        Message = message,
        Details =
        {
            Any.Pack(new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = "request", Description = description } },
            }),
        },
    }.ToRpcException();
}

/// <summary>Binds a generated service the way grpc-dotnet's own binder does, with <see cref="SafeRequestDecoding.Safe{T}"/> request marshallers.</summary>
internal sealed class SafeBinderServiceMethodProvider<TService> : IServiceMethodProvider<TService> where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var bindMethod = FindBindMethod(typeof(TService));
        bindMethod?.Invoke(null, [new Binder(context), null]);
    }

    /// <summary>The generated <c>BindService(ServiceBinderBase, TServiceBase)</c> named by the base class's attribute.</summary>
    private static MethodInfo? FindBindMethod(System.Type serviceType)
    {
        for (var type = serviceType; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute)
            {
                return attribute.BindType.GetMethods(BindingFlags.Public | BindingFlags.Static).FirstOrDefault(m =>
                    m.Name == attribute.BindMethodName && m.GetParameters() is [var binder, _] && binder.ParameterType == typeof(ServiceBinderBase));
            }
        }
        return null;
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(Safe(method), Metadata(method), Invoker<UnaryServerMethod<TService, TRequest, TResponse>>(method));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(Safe(method), Metadata(method), Invoker<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddClientStreamingMethod(Safe(method), Metadata(method), Invoker<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddDuplexStreamingMethod(Safe(method), Metadata(method), Invoker<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method));

        private static Method<TRequest, TResponse> Safe<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class where TResponse : class =>
            new(method.Type, method.ServiceName, method.Name, SafeRequestDecoding.Safe(method.RequestMarshaller), method.ResponseMarshaller);

        private static MethodInfo Implementation(IMethod method) =>
            typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{typeof(TService).Name} has no method {method.Name}.");

        private static TDelegate Invoker<TDelegate>(IMethod method) where TDelegate : Delegate =>
            Implementation(method).CreateDelegate<TDelegate>();

        /// <summary>Attributes of the service and the method, e.g. [Authorize], as grpc-dotnet's binder collects them.</summary>
        private static List<object> Metadata(IMethod method) =>
        [
            .. typeof(TService).GetCustomAttributes(inherit: true),
            .. Implementation(method).GetCustomAttributes(inherit: true),
        ];
    }
}
