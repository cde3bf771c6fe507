namespace WiseSync.Sandbox.Recording;

/// <summary>
/// Wraps every vendor request: counts it (stats), applies a matching fault rule, and records it without secrets.
/// Admin requests pass through untouched.
/// </summary>
internal sealed class VendorTrafficMiddleware(RequestDelegate next, SandboxState state)
{
    private const int MaxRecordedBody = 256 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var emulator = state.ForPath(path);
        if (emulator is null)
        {
            await next(context);
            return;
        }

        var stats = state.Stats[emulator.Vendor];
        var method = context.Request.Method;
        var body = await ReadBodyAsync(context.Request);
        var fault = state.Faults.Match(emulator.Vendor, method, path);
        string? faultName = null;
        var recorded = 0;

        // Recorded when the answer starts, before its body reaches the client: a client that has read an answer
        // always finds its request in the log and the stats. The finally covers answers that never start (resets).
        void Record()
        {
            if (Interlocked.Exchange(ref recorded, 1) == 1)
                return;
            var status = context.Response.StatusCode;
            stats.End(RouteKey.For(method, emulator.RelativePath(path)), status);
            state.Log.Add(new RecordedRequest(
                emulator.Vendor,
                method,
                path,
                SecretRedactor.Query(context.Request.QueryString),
                status,
                SecretRedactor.Body(body, context.Request.ContentType),
                SecretRedactor.Headers(context.Request.Headers),
                faultName));
        }

        context.Response.OnStarting(() =>
        {
            Record();
            return Task.CompletedTask;
        });
        stats.Begin();
        try
        {
            if (fault is { DelayMs: > 0 })
                await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs.Value), state.Time, context.RequestAborted);

            if (fault?.Status is { } status)
            {
                faultName = $"status {status}";
                await WriteStatusFaultAsync(context, fault, status);
            }
            else if (fault is { Reset: true } or { Malformed: true })
            {
                faultName = fault.Reset ? "reset" : "malformed";
                await RunAndBreakAsync(context, fault);
            }
            else
            {
                faultName = fault is null ? null : "delay";
                await next(context);
            }
        }
        finally
        {
            Record();
        }
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
            return null;
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var buffer = new char[MaxRecordedBody];
        var read = await reader.ReadBlockAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return new string(buffer, 0, read);
    }

    private static async Task WriteStatusFaultAsync(HttpContext context, FaultRule fault, int status)
    {
        context.Response.StatusCode = status;
        if (fault.RetryAfterSeconds is { } retryAfter)
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in fault.Headers ?? new Dictionary<string, string>())
            context.Response.Headers[name] = value;
        // Plain text, as gateways and Xero's "Organisation offline" answer (accounting-apis.md 1.3).
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync($"Sandbox fault: HTTP {status}", context.RequestAborted);
    }

    /// <summary>The emulator acts on the request; then its answer is lost (reset) or cut in half (malformed, as 200).</summary>
    private async Task RunAndBreakAsync(HttpContext context, FaultRule fault)
    {
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (fault.Reset)
        {
            context.Abort();
            return;
        }

        var bytes = captured.ToArray();
        var broken = bytes.Length > 1 ? bytes.AsMemory(0, bytes.Length / 2) : "{\"Id\":"u8.ToArray();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = broken.Length;
        if (string.IsNullOrEmpty(context.Response.ContentType))
            context.Response.ContentType = "application/json; charset=utf-8";
        await original.WriteAsync(broken, context.RequestAborted);
    }
}
