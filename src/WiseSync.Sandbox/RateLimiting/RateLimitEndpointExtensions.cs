namespace WiseSync.Sandbox.RateLimiting;

/// <summary>Puts a vendor's rate-limit emulation in front of a route group's endpoints.</summary>
internal static class RateLimitEndpointExtensions
{
    public static TBuilder WithVendorRateLimit<TBuilder>(this TBuilder builder, VendorRateLimitBinding binding)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var decision = binding.Limiter.TryAcquire(binding.Tenant(context), binding.ConcurrencyScope(context));
            binding.WriteQuotaHeaders(context.Response, decision);
            if (!decision.Allowed)
                return binding.Throttled(context, decision);

            // The slot is held until the answer is written, not just until the handler returns.
            context.Response.RegisterForDispose(decision);
            return await next(invocation);
        });
        return builder;
    }
}
