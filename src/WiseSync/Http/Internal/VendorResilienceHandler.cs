using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace WiseSync.Http.Internal;

/// <summary>
/// The outer part of every vendor client, per request in this order: the tenant's concurrency slot, the total
/// timeout, the retry (each attempt takes its window permits, because the vendor counts attempts, then runs under
/// the attempt timeout and sends a freshly built request through the auth handler).
/// </summary>
internal sealed class VendorResilienceHandler : DelegatingHandler
{
    private readonly string _vendor;
    private readonly string _clientName;
    private readonly VendorHttpOptions _options;
    private readonly TenantRateLimiterRegistry _limiters;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public VendorResilienceHandler(string vendor, string clientName, VendorHttpOptions options, TenantRateLimiterRegistry limiters, TimeProvider time, ILogger logger)
    {
        _vendor = vendor;
        _clientName = clientName;
        _options = options;
        _limiters = limiters;
        _time = time;
        _logger = logger;
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time, Name = clientName }
            .AddTimeout(options.TotalTimeout);
        // Polly asks for at least one retry; zero means no retry strategy at all.
        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context, args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome is { Result: { } response } ? RetryAfterOf(response) : null),
                OnRetry = OnRetryAsync,
            });
        }

        _pipeline = pipeline.AddTimeout(options.AttemptTimeout).Build();
    }

    internal static readonly ResiliencePropertyKey<CallState> StateKey = new("WiseSync.CallState");

    /// <summary>
    /// Marks a write that is safe to send again without an idempotency key: a token refresh, whose repeat presents the
    /// same refresh token (within the vendor's grace window when the first answer was lost).
    /// </summary>
    internal static readonly HttpRequestOptionsKey<bool> RetrySafeWrite = new("WiseSync.RetrySafeWrite");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var limiter = _limiters.Get(_clientName, _vendor, _options);
        var template = await RequestTemplate.CaptureAsync(request, cancellationToken).ConfigureAwait(false);
        var state = new CallState(template, RouteTemplates.Of(request), limiter);

        using var slot = await limiter.AcquireCallAsync(cancellationToken).ConfigureAwait(false);
        state.Started = _time.GetTimestamp();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, self) => await self.AttemptAsync(ctx.Properties.GetValue(StateKey, null!), ctx.CancellationToken).ConfigureAwait(false),
                context,
                this).ConfigureAwait(false);

            if (outcome.Exception is TimeoutRejectedException timeout)
            {
                throw new TimeoutException($"{_vendor} {state.Route} did not complete within {timeout.Timeout.TotalSeconds:0.#} s.", timeout);
            }

            outcome.ThrowIfException();
            return outcome is { Result: { } response } ? response : throw new InvalidOperationException("The pipeline produced no response.");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(CallState state, CancellationToken cancellationToken)
    {
        var attempt = ++state.Attempt;
        state.Unreadable = false;
        IDisposable? permits;
        try
        {
            permits = await state.Limiter.AcquireAttemptAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RateLimitedException ex)
        {
            HttpLog.LongWindowReached(_logger, _vendor, ex.LimitName, state.Route, ex.RetryAfter?.ToTimeSpan() ?? TimeSpan.Zero);
            return Outcome.FromException<HttpResponseMessage>(ex);
        }

        using var releasePermits = permits;
        using var activity = HttpTelemetry.Source.StartActivity(state.Route, ActivityKind.Client);
        activity?.SetTag("wisesync.vendor", _vendor);
        activity?.SetTag("http.route", state.Route);
        activity?.SetTag("http.request.method", state.Template.Original.Method.Method);
        activity?.SetTag("wisesync.attempt", attempt);
        var tags = new TagList { { "wisesync.vendor", _vendor }, { "http.route", state.Route } };
        var started = _time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            HttpTelemetry.Requests.Add(1, tags);
            response = await base.SendAsync(state.Template.Build(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            HttpLog.AttemptFailed(_logger, _vendor, state.Route, attempt, ex.GetType().Name);
            return Outcome.FromException<HttpResponseMessage>(ex);
        }

        var elapsed = _time.GetElapsedTime(started);
        var status = (int)response.StatusCode;
        tags.Add("http.response.status_code", status);
        HttpTelemetry.Duration.Record(elapsed.TotalSeconds, tags);
        activity?.SetTag("http.response.status_code", status);
        if (!response.IsSuccessStatusCode)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }

        HttpLog.Answered(_logger, _vendor, state.Route, attempt, status, elapsed.TotalMilliseconds);
        state.Limiter.Observe(_options.ReadQuota?.Invoke(response));

        if (response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NoContent
            && state.Template.Original.Options.TryGetValue(VendorRequestOptions.JsonRead, out var jsonRead) && jsonRead)
        {
            // The body is read inside the attempt (and its timeout), so a cut or foreign answer to a read is retried here.
            byte[] body;
            try
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                response.Dispose();
                activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                HttpLog.AttemptFailed(_logger, _vendor, state.Route, attempt, ex.GetType().Name);
                return Outcome.FromException<HttpResponseMessage>(ex);
            }

            if (!JsonAnswer.IsWellFormed(body))
            {
                state.Unreadable = true;
                activity?.SetStatus(ActivityStatusCode.Error, "unreadable answer");
                HttpLog.AttemptFailed(_logger, _vendor, state.Route, attempt, "unreadable answer");
            }
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            HttpTelemetry.Throttled.Add(1, tags);
            var throttle = _options.ClassifyThrottle?.Invoke(response);
            var retryAfter = RetryAfterOf(response);
            if (throttle?.Kind == RateLimitKind.LongWindow || TooLongToWait(retryAfter, state))
            {
                var limitName = throttle?.LimitName ?? _options.Limits.LongWindowName;
                var wait = retryAfter ?? _options.Limits.LongWindow / _options.TimeScale;
                response.Dispose();
                HttpLog.LongWindowReached(_logger, _vendor, limitName, state.Route, wait);
                return Outcome.FromException<HttpResponseMessage>(state.Limiter.LongWindowExhausted(limitName, wait));
            }
        }
        else if (status >= 400 && RetryAfterOf(response) is { } announced && TooLongToWait(announced, state))
        {
            // A 503 (or any refusal) that asks for a longer wait than MaxRetryAfter, or than the call has left, is not slept
            // out call after call until the total timeout: the run stops and says when to resume, as for a long-window limit.
            var limitName = $"unavailability window (HTTP {status})";
            response.Dispose();
            HttpLog.LongWindowReached(_logger, _vendor, limitName, state.Route, announced);
            return Outcome.FromException<HttpResponseMessage>(state.Limiter.LongWindowExhausted(limitName, announced));
        }

        return Outcome.FromResult(response);
    }

    private static bool ShouldRetry(ResilienceContext context, Outcome<HttpResponseMessage> outcome)
    {
        var state = context.Properties.GetValue(StateKey, null!);
        var request = state.Template.Original;
        // A write that may have reached the vendor is repeated only under its idempotency key, or it could land twice.
        if (RequestTemplate.IsWrite(request.Method) && !request.Options.TryGetValue(VendorRequestOptions.IdempotencyKey, out _)
            && !request.Options.TryGetValue(RetrySafeWrite, out _))
        {
            return false;
        }

        return outcome switch
        {
            { Exception: HttpRequestException or IOException or TimeoutRejectedException } => true,
            { Result: { } response } => TransientFaults.IsRetryableStatus(response.StatusCode) || state.Unreadable,
            _ => false,
        };
    }

    private ValueTask OnRetryAsync(OnRetryArguments<HttpResponseMessage> args)
    {
        var state = args.Context.Properties.GetValue(StateKey, null!);
        var outcome = state.Unreadable ? "unreadable answer"
            : args.Outcome is { Result: { } response } ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "unknown";
        HttpTelemetry.Retries.Add(1, new TagList { { "wisesync.vendor", _vendor }, { "http.route", state.Route } });
        HttpLog.Retrying(_logger, _vendor, state.Route, args.AttemptNumber + 1, outcome, args.RetryDelay.TotalMilliseconds);
        return ValueTask.CompletedTask;
    }

    /// <summary>Whether the vendor's wait is beyond <see cref="VendorHttpOptions.MaxRetryAfter"/> or what is left of the total timeout.</summary>
    private bool TooLongToWait(TimeSpan? retryAfter, CallState state) =>
        retryAfter is { } wait && (wait > _options.MaxRetryAfter || wait >= _options.TotalTimeout - _time.GetElapsedTime(state.Started));

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - _time.GetUtcNow() : null);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    internal sealed class CallState(RequestTemplate template, string route, TenantRateLimiter limiter)
    {
        public RequestTemplate Template { get; } = template;

        public string Route { get; } = route;

        public TenantRateLimiter Limiter { get; } = limiter;

        public int Attempt { get; set; }

        /// <summary>When the call began (a <see cref="TimeProvider"/> timestamp), for what is left of the total timeout.</summary>
        public long Started { get; set; }

        /// <summary>Whether the last attempt's success carried a body that is not JSON (a <see cref="VendorRequestOptions.JsonRead"/> only).</summary>
        public bool Unreadable { get; set; }
    }
}
