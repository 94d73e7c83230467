using Grpc.Core;
using Translations.Errors;
using Translations.Validation;

namespace Translations.Hosting;

/// <summary>
/// The shape of the bulk writes (SubmitVariants, CreateReleases): a client stream of items, each applied
/// as its single-item call would be, in its own transaction; a refused item becomes its outcome's
/// <c>google.rpc.Status</c> and the next item goes on; at most <see cref="MaxItemsPerCall"/> items.
/// </summary>
public static class BulkCalls
{
    /// <summary>At most this many items per call; later items are refused one by one.</summary>
    public const int MaxItemsPerCall = 1_000;

    /// <param name="field">The item's field in the request message, named in the refusal of items past the limit.</param>
    /// <param name="apply">Applies one item (its index given) and returns its outcome.</param>
    /// <param name="refused">The outcome of a refused item, with the status its single-item call would have answered.</param>
    public static async Task<List<TOutcome>> ApplyEachAsync<TItem, TOutcome>(IAsyncStreamReader<TItem> items, string field, ServerCallContext context,
        Func<TItem, int, Task<TOutcome>> apply, Func<TItem, int, Google.Rpc.Status, TOutcome> refused)
    {
        var outcomes = new List<TOutcome>();
        await foreach (var item in items.ReadAllAsync(context.CancellationToken))
        {
            var index = outcomes.Count;
            try
            {
                EnsureWithinLimit(index, field);
                outcomes.Add(await apply(item, index));
            }
            catch (Exception e) when (ErrorMappingInterceptor.ToStatus(e) is { } status)
            {
                outcomes.Add(refused(item, index, status));
            }
        }
        return outcomes;
    }

    /// <summary>Refuses the item at <paramref name="index"/> (from 0) past <see cref="MaxItemsPerCall"/>.</summary>
    public static void EnsureWithinLimit(int index, string field)
    {
        if (index >= MaxItemsPerCall)
        {
            throw new InvalidInputException(new FieldViolation(field, $"at most {MaxItemsPerCall} items per call; send the rest in another call"));
        }
    }
}
