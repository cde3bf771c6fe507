namespace WiseSync.Testing;

/// <summary>A fact that reads vendor specs: skipped with a reason when they are absent, unless CI=true.</summary>
public sealed class SpecFactAttribute : FactAttribute
{
    /// <summary>Skips the test unless the specs are found (or CI=true).</summary>
    public SpecFactAttribute()
    {
        if (VendorSpecs.Root is null && !VendorSpecs.IsCi)
        {
            Skip = VendorSpecs.SkipReason;
        }
    }
}
