using WiseSync.Pipeline.Internal;

namespace WiseSync.Tests.Pipeline;

public sealed class BatchKeysTests
{
    private const string BatchId = "0193a4b2c3d47e8f9a0b1c2d3e4f5a6b";

    [Fact]
    public void A_key_names_its_batch_kind_and_chunk_when_the_PSA_sets_no_length()
    {
        Assert.Equal($"{BatchId}-p007", BatchKeys.For(BatchId, "p", 7, PsaCapabilities.Default));
    }

    [Fact]
    public void A_key_longer_than_the_PSA_keeps_is_cut_with_a_hash_and_stays_deterministic_and_distinct()
    {
        var capabilities = new PsaCapabilities { MaxBatchKeyLength = 20 };

        var first = BatchKeys.For(BatchId, "p", 1, capabilities);
        var second = BatchKeys.For(BatchId, "p", 2, capabilities);

        Assert.Equal(20, first.Length);
        Assert.Equal(first, BatchKeys.For(BatchId, "p", 1, capabilities));
        Assert.NotEqual(first, second);
        Assert.StartsWith(BatchId[..11], first, StringComparison.Ordinal);
    }
}
