package dev.wxgate.adapters.wechat;

import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.TokenSource;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/** Adapter: access tokens from WeChat's token endpoints, classic or stable as each app is configured. */
public final class WechatApiTokenSource implements TokenSource {
    static final Endpoint CLASSIC = Endpoint.withAppSecret("/cgi-bin/token");
    static final Endpoint STABLE = Endpoint.withAppSecret("/cgi-bin/stable_token");
    private static final String GRANT_TYPE = "client_credential";

    private final WechatHttp http;
    private final Clock clock;

    public WechatApiTokenSource(WechatHttp http, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** In classic mode every call issues a new token, so {@code forceRefresh} changes nothing there. */
    @Override
    public AccessToken fetch(WechatApp app, boolean forceRefresh) {
        // Read before the call: latency and retries then shorten the token's known life rather than stretch it
        // past the moment WeChat ends it.
        Instant requestedAt = clock.instant();
        return switch (app.tokenMode()) {
            case CLASSIC -> {
                WechatRequest request = WechatRequest.get(CLASSIC)
                        .param("grant_type", GRANT_TYPE)
                        .param("appid", app.appId().value())
                        .secretParam("secret", app.secret().reveal());
                yield WireMapper.accessToken(CLASSIC, http.call(request, Wire.TokenAnswer.class), requestedAt);
            }
            case STABLE -> {
                Wire.StableTokenQuery body = new Wire.StableTokenQuery(
                        GRANT_TYPE, app.appId().value(), app.secret().reveal(), forceRefresh);
                WechatRequest request =
                        WechatRequest.post(STABLE, body).secret(app.secret().reveal());
                yield WireMapper.accessToken(STABLE, http.call(request, Wire.TokenAnswer.class), requestedAt);
            }
        };
    }
}
