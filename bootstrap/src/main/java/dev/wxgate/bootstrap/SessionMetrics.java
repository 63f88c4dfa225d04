package dev.wxgate.bootstrap;

import dev.wxgate.application.login.LoginEvents;
import dev.wxgate.application.login.LoginOutcome;
import dev.wxgate.application.session.SessionEvents;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.oauth.WebCode;
import dev.wxgate.domain.oauth.WebGrant;
import dev.wxgate.domain.oauth.WebOAuth;
import dev.wxgate.domain.oauth.WebUserInfo;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.wechat.WechatLogin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Login and session metrics (Micrometer, so {@code /actuator/prometheus}):
 *
 * <ul>
 *   <li>{@code wxgate.logins} (app, outcome): mini-program logins by how they ended ({@link LoginOutcome#tag()}; app
 *       {@code unknown} when the login named no app wxgate serves);
 *   <li>{@code wxgate.login.upstream} (app, outcome): latency of WeChat's code exchanges, {@code jscode2session} and
 *       the web login's {@code /sns/oauth2/access_token};
 *   <li>{@code wxgate.sessions.opened} (app), {@code wxgate.sessions.revoked} (app, reason: {@code logout},
 *       {@code user}, {@code admin});
 *   <li>{@code wxgate.sessions.active}: live sessions, cluster-wide with the Redis store (read from the store at most
 *       every {@value #ACTIVE_CACHE_SECONDS} s, so scrapes do not load it);
 *   <li>{@code wxgate.introspections} (client, active): introspections answered, by the configured client id.
 * </ul>
 *
 * Tags hold configured ids only (apps, clients), never an openid or a token, so their number stays bounded.
 */
final class SessionMetrics implements LoginEvents, SessionEvents {
    static final long ACTIVE_CACHE_SECONDS = 5;
    private static final String UNKNOWN_APP = "unknown";

    private final MeterRegistry registry;
    private final UpstreamTimer loginTimer;
    private final SessionRepository sessions;
    private final Clock clock;
    private double active = Double.NaN;
    private Instant activeReadAt = Instant.MIN;

    SessionMetrics(MeterRegistry registry, SessionRepository sessions, Clock clock) {
        this.registry = registry;
        this.loginTimer =
                new UpstreamTimer(registry, "wxgate.login.upstream", "latency of WeChat's login code exchanges");
        this.sessions = sessions;
        this.clock = clock;
        Gauge.builder("wxgate.sessions.active", this, SessionMetrics::active)
                .description("live sessions (cluster-wide with the Redis store)")
                .register(registry);
    }

    /** NaN when the store cannot be read: a gap in the graph, not a false zero. */
    private synchronized double active() {
        Instant now = clock.instant();
        if (Duration.between(activeReadAt, now).toSeconds() >= ACTIVE_CACHE_SECONDS) {
            try {
                active = sessions.findActive(PageRequest.of(0, 1)).total();
            } catch (StoreUnavailableException unavailable) {
                active = Double.NaN;
            }
            activeReadAt = now;
        }
        return active;
    }

    @Override
    public void login(Optional<AppId> app, LoginOutcome outcome) {
        Counter.builder("wxgate.logins")
                .description("mini-program logins by how they ended")
                .tag("app", app.map(AppId::value).orElse(UNKNOWN_APP))
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment();
    }

    @Override
    public void opened(AppId app) {
        Counter.builder("wxgate.sessions.opened")
                .description("sessions opened by a mini-program or web login")
                .tag("app", app.value())
                .register(registry)
                .increment();
    }

    @Override
    public void revoked(AppId app, Revocation reason, int count) {
        Counter.builder("wxgate.sessions.revoked")
                .description("sessions ended before their time, by why")
                .tag("app", app.value())
                .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment(count);
    }

    @Override
    public void introspected(String clientId, boolean active) {
        Counter.builder("wxgate.introspections")
                .description("token introspections answered, by client and whether the session was live")
                .tag("client", clientId)
                .tag("active", Boolean.toString(active))
                .register(registry)
                .increment();
    }

    /** {@code login}, timed per code exchange. */
    WechatLogin timed(WechatLogin login) {
        return (app, code) -> upstream(app, () -> login.exchange(app, code));
    }

    /** {@code oauth}, its code exchange timed (fetching the user's profile is not a login's step). */
    WebOAuth timed(WebOAuth oauth) {
        return new WebOAuth() {
            @Override
            public WebGrant exchange(WechatApp app, WebCode code) {
                return upstream(app, () -> oauth.exchange(app, code));
            }

            @Override
            public WebUserInfo userInfo(WebGrant grant) {
                return oauth.userInfo(grant);
            }
        };
    }

    private <T> T upstream(WechatApp app, Supplier<T> call) {
        return loginTimer.time(call, "app", app.appId().value());
    }
}
