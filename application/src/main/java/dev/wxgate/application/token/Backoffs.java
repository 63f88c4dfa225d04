package dev.wxgate.application.token;

import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-credential pauses after failed refreshes, so a WeChat outage or a wrong secret is not retried in a tight loop. Kept per
 * node: a cluster of N nodes makes at most N attempts per pause.
 */
final class Backoffs {
    static final Duration MAX_FAILURE_PAUSE = Duration.ofMinutes(1);
    static final Duration MAX_CREDENTIALS_PAUSE = Duration.ofMinutes(15);

    /** The last failure of a credential's refresh, how many in a row, and until when no new attempt is made. */
    record Failure(WechatFailure failure, OptionalInt errcode, int inARow, Instant at, Instant retryAfter) {}

    private final Duration failurePause;
    private final Duration credentialsPause;
    private final ConcurrentHashMap<CredentialKey, Failure> failures = new ConcurrentHashMap<>();

    Backoffs(Duration failurePause, Duration credentialsPause) {
        this.failurePause = failurePause;
        this.credentialsPause = credentialsPause;
    }

    /** The failure the credential is still pausing after, if any. */
    Optional<Failure> pausing(CredentialKey key, Instant now) {
        return last(key).filter(failure -> now.isBefore(failure.retryAfter()));
    }

    Optional<Failure> last(CredentialKey key) {
        return Optional.ofNullable(failures.get(key));
    }

    Failure failed(CredentialKey key, WechatException exception, Instant now) {
        return failures.compute(key, (id, previous) -> {
            int inARow = previous == null ? 1 : previous.inARow() + 1;
            boolean operatorMustAct = isConfigurationProblem(exception.failure());
            Duration first = operatorMustAct ? credentialsPause : failurePause;
            Duration cap = operatorMustAct ? MAX_CREDENTIALS_PAUSE : MAX_FAILURE_PAUSE;
            Duration pause = doubled(first, inARow - 1, cap.compareTo(first) < 0 ? first : cap);
            return new Failure(exception.failure(), exception.errcode(), inARow, now, now.plus(pause));
        });
    }

    void succeeded(CredentialKey key) {
        failures.remove(key);
    }

    /** Failures that will not go away until someone changes the configuration or the day ends. */
    static boolean isConfigurationProblem(WechatFailure failure) {
        return failure == WechatFailure.BAD_CREDENTIALS
                || failure == WechatFailure.IP_NOT_WHITELISTED
                || failure == WechatFailure.QUOTA_EXHAUSTED;
    }

    private static Duration doubled(Duration first, int times, Duration cap) {
        Duration pause = first;
        for (int i = 0; i < times && pause.compareTo(cap) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(cap) > 0 ? cap : pause;
    }
}
