namespace WiseSync.Xero;

/// <summary>Xero's 2026 pricing tier of the app, which sets the daily limit per organisation (reference/accounting-apis.md §1.1).</summary>
public enum XeroPlanTier
{
    /// <summary>Core, Plus, Advanced or Enterprise: 5,000 calls per day per organisation.</summary>
    Standard,

    /// <summary>Starter: 1,000 calls per day per organisation.</summary>
    Starter,
}
