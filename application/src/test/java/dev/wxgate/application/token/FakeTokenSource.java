package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.TokenSource;
import dev.wxgate.domain.wechat.WechatException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WeChat's token endpoints as far as the use cases care: classic mode issues a new token on every call; stable mode
 * keeps one until a forced call. Counts calls, can fail, and can hold calls at a gate until the test opens it.
 */
final class FakeTokenSource implements TokenSource {
    private final Clock clock;
    private final AtomicInteger issued = new AtomicInteger();
    private final Map<AppId, String> stableCurrent = new ConcurrentHashMap<>();
    private final List<Boolean> calls = new CopyOnWriteArrayList<>();
    private volatile Duration lifetime = Duration.ofHours(2);
    private volatile WechatException failure;
    private volatile CountDownLatch gate;
    private final CountDownLatch entered = new CountDownLatch(1);

    FakeTokenSource(Clock clock) {
        this.clock = clock;
    }

    @Override
    public AccessToken fetch(WechatApp app, boolean forceRefresh) {
        calls.add(forceRefresh);
        entered.countDown();
        CountDownLatch held = gate;
        if (held != null) {
            try {
                if (!held.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
        WechatException failing = failure;
        if (failing != null) {
            throw failing;
        }
        String value;
        if (app.tokenMode() == TokenMode.CLASSIC || forceRefresh || !stableCurrent.containsKey(app.appId())) {
            value = newValue();
            if (app.tokenMode() == TokenMode.STABLE) {
                stableCurrent.put(app.appId(), value);
            }
        } else {
            value = stableCurrent.get(app.appId());
        }
        return AccessToken.issued(value, clock.instant(), lifetime);
    }

    String newValue() {
        return "TOKEN_" + "x".repeat(20) + "_" + issued.incrementAndGet();
    }

    /** Another party forced a new stable token behind wxgate's back. */
    void rotateStableElsewhere(AppId appId) {
        stableCurrent.put(appId, newValue());
    }

    int calls() {
        return calls.size();
    }

    long forcedCalls() {
        return calls.stream().filter(forced -> forced).count();
    }

    void lifetime(Duration tokenLifetime) {
        this.lifetime = tokenLifetime;
    }

    void failWith(WechatException exception) {
        this.failure = exception;
    }

    void succeed() {
        this.failure = null;
    }

    static WechatException failure(dev.wxgate.domain.wechat.WechatFailure kind, int errcode) {
        return new WechatException(kind, OptionalInt.of(errcode), "token call failed with errcode " + errcode);
    }

    /** Holds every call until {@link #open()}. */
    void close() {
        gate = new CountDownLatch(1);
    }

    void open() {
        CountDownLatch held = gate;
        gate = null;
        if (held != null) {
            held.countDown();
        }
    }

    boolean awaitFirstCall() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }
}
