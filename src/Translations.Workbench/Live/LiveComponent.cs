using Microsoft.AspNetCore.Components;
using Translations.Client;
using Translations.V1;

namespace Translations.Workbench.Live;

/// <summary>
/// A component that shows what it loads from the service and loads it again, without a reload of the page,
/// shortly after a change it cares about (<see cref="IsRelevant"/>) happens anywhere. A failed load is kept
/// in <see cref="Failure"/> for the page to show, and the next load that works clears it.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _gone = new();
    private IDisposable? _subscription;
    private Task? _loading;
    private bool _again;

    [Inject]
    private LiveChanges Live { get; set; } = default!;

    /// <summary>Why the last load failed; null when it worked.</summary>
    protected TranslationsException? Failure { get; set; }

    /// <summary>Cancelled when the component goes away (the person left the page or closed the tab).</summary>
    protected CancellationToken Gone => _gone.Token;

    /// <summary>Reads what the component shows; a <see cref="TranslationsException"/> becomes <see cref="Failure"/>.</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>Whether a change calls for a new load; every change unless overridden.</summary>
    protected virtual bool IsRelevant(ReleaseEvent change) => true;

    protected override async Task OnInitializedAsync()
    {
        _subscription = Live.Subscribe(IsRelevant, () => InvokeAsync(ReloadAsync));
        await ReloadAsync();
    }

    /// <summary>
    /// Loads again now and shows the result. Loads never overlap: asked while one runs, it runs once more
    /// after that one, so an older answer can never land after a newer one.
    /// </summary>
    protected async Task ReloadAsync()
    {
        if (_loading is { } loading)
        {
            _again = true;
            await loading;
            return;
        }
        var done = new TaskCompletionSource();
        _loading = done.Task;
        try
        {
            do
            {
                _again = false;
                await LoadOnceAsync();
            }
            while (_again && !Gone.IsCancellationRequested);
        }
        finally
        {
            _loading = null;
            done.SetResult();
        }
    }

    private async Task LoadOnceAsync()
    {
        try
        {
            await LoadAsync(Gone);
            Failure = null;
        }
        catch (TranslationsException failure)
        {
            Failure = failure;
        }
        catch (OperationCanceledException) when (Gone.IsCancellationRequested)
        {
            return;
        }
        StateHasChanged();
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        // Cancelled, not disposed: a load still running reads the token, and a source without a timer holds nothing.
        _gone.Cancel();
        GC.SuppressFinalize(this);
    }
}
