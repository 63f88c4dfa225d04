package dev.wxgate.application.token;

import dev.wxgate.application.RecordingAuditLog;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.token.DailyQuotas;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The token use cases over fakes: one classic app, one stable app, a clock the test moves. */
final class Harness implements AutoCloseable {
    static final AppId CLASSIC = AppId.of("wx00000000000000c1");
    static final AppId STABLE = AppId.of("wx00000000000000e1");
    static final AppId OTHER = AppId.of("wx00000000000000c2");

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T04:00:00Z"));
    final FakeTokenSource source = new FakeTokenSource(clock);
    final FakeTokenStore store = new FakeTokenStore();
    final FakeTokenQuota quota = new FakeTokenQuota();
    final RecordingAuditLog audit = new RecordingAuditLog();
    final RecordingEvents events = new RecordingEvents();
    final WechatApps apps;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private TokenSettings settings = TokenSettings.defaults("node-1")
            .withWaits(Duration.ofSeconds(10), Duration.ofSeconds(10))
            .withBackoffs(Duration.ofSeconds(1), Duration.ofMinutes(1));
    private DailyQuotas dailyQuotas;
    private AccessTokenUseCases useCases;

    Harness() {
        this(List.of());
    }

    /** With {@code more} apps served after the three usual ones. */
    Harness(List<WechatApp> more) {
        List<WechatApp> served = new java.util.ArrayList<>(
                List.of(app(CLASSIC, TokenMode.CLASSIC), app(STABLE, TokenMode.STABLE), app(OTHER, TokenMode.CLASSIC)));
        served.addAll(more);
        this.apps = new WechatApps(served);
    }

    synchronized Harness with(TokenSettings changed) {
        this.settings = changed;
        this.useCases = null;
        return this;
    }

    /** Each app's own quota instead of the settings' one for all. */
    synchronized Harness with(DailyQuotas changed) {
        this.dailyQuotas = changed;
        this.useCases = null;
        return this;
    }

    TokenSettings settings() {
        return settings;
    }

    /** Synchronized: tests call it from many threads at once, and one node must have one set of use cases. */
    synchronized AccessTokenUseCases useCases() {
        if (useCases == null) {
            useCases = node(settings);
        }
        return useCases;
    }

    /** Another node over the same store, quota and WeChat. */
    AccessTokenUseCases node(TokenSettings nodeSettings) {
        DailyQuotas quotas = dailyQuotas != null ? dailyQuotas : DailyQuotas.uniform(nodeSettings.dailyQuota());
        return AccessTokenUseCases.create(
                apps, source, store, quota, quotas, audit, events, nodeSettings, clock, executor);
    }

    GetAccessToken get() {
        return useCases().getAccessToken();
    }

    ReportInvalidAccessToken report() {
        return useCases().reportInvalidAccessToken();
    }

    ForceRefreshAccessToken force() {
        return useCases().forceRefreshAccessToken();
    }

    static WechatApp app(AppId appId, TokenMode mode) {
        return new WechatApp(
                appId, AppSecret.of("0123456789abcdef0123456789abcdef"), AppType.MINI_PROGRAM, mode, Optional.empty());
    }

    @Override
    public void close() {
        source.open();
        executor.shutdownNow();
    }
}
