package dev.wxgate.adapters.persistence;

/**
 * The prefix every Redis adapter puts before its keys ({@code wxgate.redis.key-prefix}), so several deployments can
 * share one Redis. It must hold no brace: a brace would become the Redis Cluster hash tag that keeps one app's or one
 * user's keys in one slot.
 */
public final class RedisKeyPrefix {
    private RedisKeyPrefix() {}

    /** {@code prefix} itself, once checked; may be empty. */
    public static String check(String prefix) {
        if (prefix == null
                || prefix.contains("{")
                || prefix.contains("}")
                || prefix.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException(
                    "the Redis key prefix must not contain braces, spaces or control characters");
        }
        return prefix;
    }
}
