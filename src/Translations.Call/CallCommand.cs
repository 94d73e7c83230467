using System.CommandLine;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;

namespace Translations.Call;

/// <summary>
/// <c>dotnet run --project src/Translations.Call -- [options] Service/Method ['{"json": "request"}']</c> calls one
/// method of the translations.v1 services, like grpcurl. Exit codes: 0 done, 1 the call failed (the
/// status and its details on standard error), 2 the command line or the request is wrong (nothing sent).
/// </summary>
public static class CallCommand
{
    public const string DefaultAddress = "127.0.0.1:5080";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error, Console.In);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader? input = null)
    {
        var method = new Argument<string>("method") { Description = "Service/Method, e.g. EditorialService/CreateRelease." };
        var request = new Argument<string>("request")
        {
            Description = "The request in proto3 JSON ('-': standard input); for a client stream, a JSON array of requests.",
            DefaultValueFactory = _ => "{}",
        };
        var address = new Option<string>("--address")
        {
            Description = $"The service: host:port or http://host:port (default: TRANSLATIONS_ADDRESS, else {DefaultAddress}).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TRANSLATIONS_ADDRESS") is { Length: > 0 } configured ? configured : DefaultAddress,
        };
        var token = new Option<string?>("--token")
        {
            Description = "Bearer token (default: TRANSLATIONS_TOKEN).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TRANSLATIONS_TOKEN"),
        };
        var print = new Option<string?>("--print") { Description = "Print only this field of each response, e.g. release.id." };
        var printHeader = new Option<string?>("--print-header") { Description = "First print this response header, e.g. after-sequence." };
        var take = new Option<int?>("--take") { Description = "End a server stream after this many responses (0: after its headers)." };
        var timeout = new Option<TimeSpan?>("--timeout") { Description = "Deadline, e.g. 00:00:10 (default 30 s; none for server streams)." };
        var headers = new Option<string[]>("--header") { Description = "Extra metadata 'name: value'; repeatable.", AllowMultipleArgumentsPerToken = false };

        var command = new RootCommand("Calls one method of the Translations service with a JSON request and prints the responses as JSON.")
        {
            method, request, address, token, print, printHeader, take, timeout, headers,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (ContractMethods.Find(parsed.GetValue(method)!, out var unknown) is not { } found)
            {
                error.WriteLine(unknown);
                return 2;
            }
            FieldPath? path = null;
            if (parsed.GetValue(print) is { } printed && (path = FieldPath.Parse(printed, found.OutputType, out var badPath)) is null)
            {
                error.WriteLine(badPath);
                return 2;
            }
            if (parsed.GetValue(take) is < 0)
            {
                error.WriteLine("--take must be 0 or more.");
                return 2;
            }
            var json = parsed.GetValue(request)!;
            if (json == "-")
            {
                json = await (input ?? Console.In).ReadToEndAsync(cancellationToken);
            }
            if (ReadRequests(json, found, out var problem) is not { } messages)
            {
                error.WriteLine(problem);
                return 2;
            }
            if (ReadMetadata(parsed.GetValue(token), parsed.GetValue(headers) ?? [], out var badHeader) is not { } metadata)
            {
                error.WriteLine(badHeader);
                return 2;
            }
            var target = parsed.GetValue(address)!;
            var call = new Call(found, messages, metadata, parsed.GetValue(timeout) ?? (found.IsServerStreaming ? null : DefaultTimeout),
                parsed.GetValue(take), parsed.GetValue(printHeader), new CallOutput(output, error, path));
            using var channel = GrpcChannel.ForAddress(target.Contains("://", StringComparison.Ordinal) ? target : $"http://{target}",
                new GrpcChannelOptions { MaxReceiveMessageSize = null });
            try
            {
                await call.RunAsync(channel.CreateCallInvoker(), cancellationToken);
                return 0;
            }
            catch (RpcException failure)
            {
                call.Output.Failure(failure, target);
                return 1;
            }
        });
        return await command.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>The request, or for a client stream the array of requests, each checked against its message type.</summary>
    private static IReadOnlyList<IMessage>? ReadRequests(string json, MethodDescriptor method, out string problem)
    {
        problem = "";
        try
        {
            if (!method.IsClientStreaming)
            {
                return [JsonParser.Default.Parse(json, method.InputType)];
            }
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                problem = $"{method.Name} is a client stream: give a JSON array of {method.InputType.Name} messages.";
                return null;
            }
            return document.RootElement.EnumerateArray().Select(item => JsonParser.Default.Parse(item.GetRawText(), method.InputType)).ToArray();
        }
        catch (Exception e) when (e is InvalidJsonException or InvalidProtocolBufferException or JsonException or FormatException)
        {
            problem = $"The request is not a valid {method.InputType.Name} in JSON: {e.Message}";
            return null;
        }
    }

    private static Metadata? ReadMetadata(string? token, string[] headers, out string problem)
    {
        problem = "";
        var metadata = new Metadata();
        if (!string.IsNullOrEmpty(token))
        {
            metadata.Add("authorization", $"Bearer {token}");
        }
        foreach (var header in headers)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                problem = $"--header '{header}' must read 'name: value'.";
                return null;
            }
            try
            {
                metadata.Add(header[..colon].Trim().ToLowerInvariant(), header[(colon + 1)..].Trim());
            }
            catch (ArgumentException e)
            {
                problem = $"--header '{header}': {e.Message}";
                return null;
            }
        }
        return metadata;
    }
}
