package dev.peregrine.platform.drops;

/**
 * A token bucket on event time: starts full with {@code capacity} tokens and refills {@code rate} tokens
 * per second of event time, never above capacity. Used by one source thread only.
 */
final class TokenBucket {

    private final double rate;
    private final double capacity;
    private double tokens;
    private long lastNanos = -1;

    TokenBucket(double rate, double capacity) {
        this.rate = rate;
        this.capacity = capacity;
        this.tokens = capacity;
    }

    /** Takes one token at {@code nowNanos} if there is one. */
    boolean claim(long nowNanos) {
        if (lastNanos >= 0 && nowNanos > lastNanos) {
            tokens = Math.min(capacity, tokens + rate * ((nowNanos - lastNanos) / 1e9));
        }
        lastNanos = Math.max(lastNanos, nowNanos);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
