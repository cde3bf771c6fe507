using System.ComponentModel.DataAnnotations;

namespace WiseSync.Pay;

/// <summary>Options of one Wise-Pay scheduler (named options; the name is the connection name).</summary>
public sealed class WisePayOptions
{
    /// <summary>
    /// The SQLite file holding Wise-Pay's tables. Share it with the engine's ledger: Wise-Pay keeps to its own
    /// <c>pay_</c> tables and its own migrations table, so one file serves both. When left empty, <c>AddWisePay</c>
    /// uses the ledger's file (<see cref="SqliteLedgerOptions.DatabasePath"/>).
    /// </summary>
    [Required]
    public string? DatabasePath { get; set; }

    /// <summary>The IANA time zone that decides what "today" is when scheduling and charging. Default <c>UTC</c>.</summary>
    [Required]
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>How long a processor may hold a claimed payment before another one may take it over. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ChargeLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a command waits for another process's lock on the shared file. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Identifies this process in charge claims; default machine name, process id and a random suffix.</summary>
    public string? ProcessorId { get; set; }
}
