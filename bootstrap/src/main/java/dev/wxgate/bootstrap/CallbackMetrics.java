package dev.wxgate.bootstrap;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;

/**
 * Callback metrics: {@code wxgate.callbacks} (app, mode: the app's pinned {@code plaintext}, {@code compatible} or
 * {@code safe}; outcome: {@code accepted}, {@code duplicate}, {@code dropped}, or why it was refused:
 * {@code bad_signature}, {@code stale}, {@code replayed}, {@code bad_body}, {@code undecryptable}, {@code wrong_mode}).
 * Counted where every callback is already recorded, the {@link CallbackLog} (a decorator), so the callback use cases
 * need no hook of their own.
 */
final class CallbackMetrics implements CallbackLog {
    private final CallbackLog log;
    private final WechatApps apps;
    private final MeterRegistry registry;

    CallbackMetrics(CallbackLog log, WechatApps apps, MeterRegistry registry) {
        this.log = log;
        this.apps = apps;
        this.registry = registry;
    }

    @Override
    public void record(Entry entry) {
        log.record(entry);
        Counter.builder("wxgate.callbacks")
                .description("WeChat callbacks by the app's mode and what became of them")
                .tag("app", entry.appId().value())
                .tag("mode", mode(entry.appId()))
                .tag("outcome", outcome(entry))
                .register(registry)
                .increment();
    }

    @Override
    public List<Entry> recent(int limit) {
        return log.recent(limit);
    }

    private String mode(AppId app) {
        return apps.find(app)
                .flatMap(WechatApp::callback)
                .map(CallbackSettings::mode)
                .map(mode -> mode.name().toLowerCase(Locale.ROOT))
                .orElse("none");
    }

    static String outcome(Entry entry) {
        return switch (entry.outcome()) {
            case HANDLED -> "accepted";
            case DUPLICATE -> "duplicate";
            case DROPPED -> "dropped";
            case REJECTED -> entry.reason().map(CallbackMetrics::rejected).orElse("rejected");
        };
    }

    private static String rejected(Reason reason) {
        return switch (reason) {
            case BAD_SIGNATURE -> "bad_signature";
            case STALE_TIMESTAMP -> "stale";
            case REPLAYED_NONCE -> "replayed";
            case MALFORMED, TOO_LARGE -> "bad_body";
            case BAD_BASE64, BAD_PADDING, BAD_LENGTH, WRONG_APP, UNDECRYPTABLE -> "undecryptable";
            case UNSUPPORTED_ENCRYPT_TYPE, ENCRYPTION_REQUIRED, NOT_ENCRYPTED -> "wrong_mode";
            // A reason added later is counted under its own name rather than failing the build of this switch.
            default -> reason.name().toLowerCase(Locale.ROOT);
        };
    }
}
