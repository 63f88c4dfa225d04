package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-app pauses after failed refreshes, so a WeChat outage or a wrong secret is not retried in a tight loop. Kept per
 * node: a cluster of N nodes makes at most N attempts per pause.
 */
final class Backoffs {
    static final Duration MAX_FAILURE_PAUSE = Duration.ofMinutes(1);
    static final Duration MAX_CREDENTIALS_PAUSE = Duration.ofMinutes(15);

    /** The last failure of an app's refresh, how many in a row, and until when no new attempt is made. */
    record Failure(WechatFailure failure, OptionalInt errcode, int inARow, Instant at, Instant retryAfter) {}

    private final Duration failurePause;
    private final Duration credentialsPause;
    private final ConcurrentHashMap<AppId, Failure> failures = new ConcurrentHashMap<>();

    Backoffs(Duration failurePause, Duration credentialsPause) {
        this.failurePause = failurePause;
        this.credentialsPause = credentialsPause;
    }

    /** The failure the app is still pausing after, if any. */
    Optional<Failure> pausing(AppId appId, Instant now) {
        return last(appId).filter(failure -> now.isBefore(failure.retryAfter()));
    }

    Optional<Failure> last(AppId appId) {
        return Optional.ofNullable(failures.get(appId));
    }

    Failure failed(AppId appId, WechatException exception, Instant now) {
        return failures.compute(appId, (id, previous) -> {
            int inARow = previous == null ? 1 : previous.inARow() + 1;
            boolean operatorMustAct = isConfigurationProblem(exception.failure());
            Duration first = operatorMustAct ? credentialsPause : failurePause;
            Duration cap = operatorMustAct ? MAX_CREDENTIALS_PAUSE : MAX_FAILURE_PAUSE;
            Duration pause = doubled(first, inARow - 1, cap.compareTo(first) < 0 ? first : cap);
            return new Failure(exception.failure(), exception.errcode(), inARow, now, now.plus(pause));
        });
    }

    void succeeded(AppId appId) {
        failures.remove(appId);
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
