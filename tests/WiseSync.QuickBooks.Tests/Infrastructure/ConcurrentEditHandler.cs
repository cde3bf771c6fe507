using System.Text.Json.Nodes;

namespace WiseSync.QuickBooks.Tests.Infrastructure;

/// <summary>
/// Plays another QuickBooks user: just before the sink's /batch call leaves, it edits the invoice over real HTTP,
/// so the sink's SyncToken is stale when its batch arrives. No sleeping and no mocked answer.
/// </summary>
internal sealed class ConcurrentEditHandler(Func<Task<bool>> edit, int times) : DelegatingHandler
{
    private int _left = times;

    public int Edits { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/batch", StringComparison.Ordinal) && _left > 0 && await edit())
        {
            _left--;
            Edits++;
        }

        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>Edits invoice <paramref name="id"/> with a sparse update, as a person in the QBO web app would.</summary>
    public static async Task<bool> EditInvoiceAsync(QuickBooksHarness qbo, string id)
    {
        var current = (await qbo.CallApiAsync(HttpMethod.Get, $"invoice/{id}")).Body["Invoice"]!;
        var (status, body) = await qbo.CallApiAsync(HttpMethod.Post, "invoice", new JsonObject
        {
            ["Id"] = id,
            ["SyncToken"] = current["SyncToken"]!.ToString(),
            ["sparse"] = true,
            ["PrivateNote"] = "edited by a person",
        });
        if (status != 200)
        {
            throw new InvalidOperationException("the concurrent edit failed: " + body.ToJsonString());
        }

        return true;
    }
}
