using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Translations.HttpJson;

/// <summary>
/// In the OpenAPI document, a server-streaming RPC answers what <see cref="StreamedJson"/> makes of it: a
/// JSON array of its responses, or with <c>Accept: application/x-ndjson</c> one response per line.
/// </summary>
internal sealed class StreamedJsonOperations : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var method = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<GrpcMethodMetadata>().FirstOrDefault()?.Method;
        if (method?.Type != MethodType.ServerStreaming
            || !operation.Responses.TryGetValue("200", out var ok)
            || !ok.Content.TryGetValue("application/json", out var json))
        {
            return;
        }
        var item = json.Schema;
        json.Schema = new OpenApiSchema { Type = "array", Items = item };
        ok.Content[StreamedJson.NdJson] = new OpenApiMediaType { Schema = item };
        ok.Description = "The responses as a JSON array, streamed as they are found; with Accept: application/x-ndjson, one response per line. "
            + "A failure after the first response ends the stream with the google.rpc.Status as its last element (or line).";
    }
}
