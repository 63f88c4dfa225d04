package dev.wxgate.sandbox;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;

/**
 * State: everything a sandbox reset discards (apps, tokens, codes, counts, faults), swapped in one write so a reset is
 * atomic: calls in flight finish against the old state, which is then garbage. Also the lookups its users share.
 */
final class EngineState {
    private static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    final ConcurrentHashMap<String, AppState> apps = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, IssuedToken> tokens = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, OneTimeCode> loginCodes = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, OneTimeCode> phoneCodes = new ConcurrentHashMap<>();
    /** getticket calls per "appId type", per day. */
    final ConcurrentHashMap<String, DailyCounter> ticketCalls = new ConcurrentHashMap<>();

    final ConcurrentHashMap<String, WebGrant> webCodes = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, WebGrant> webAccessTokens = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, WebGrant> webRefreshTokens = new ConcurrentHashMap<>();
    final CallStats stats = new CallStats();
    final AtomicReferenceArray<Fault> faults = new AtomicReferenceArray<>(Endpoint.values().length);
    final AtomicLong codesIssued = new AtomicLong();

    EngineState(List<AppConfig> configured) {
        configured.forEach(c -> apps.put(c.appId(), new AppState(c)));
    }

    AppState app(String appId) {
        return appId == null ? null : apps.get(appId);
    }

    IssuedToken token(String accessToken) {
        return blank(accessToken) ? null : tokens.get(accessToken);
    }

    AppState appOf(IssuedToken token) {
        return token == null ? null : apps.get(token.appId());
    }

    AppState requireApp(String appId) {
        AppState app = app(appId);
        if (app == null) {
            throw SandboxInputException.notFound("no app " + appId);
        }
        return app;
    }

    AppState requireMiniProgram(String appId) {
        AppState app = requireApp(appId);
        if (app.config().type() != AppType.MINI_PROGRAM) {
            throw SandboxInputException.invalid(
                    "app " + appId + " is an official account; only mini-program users log in with codes");
        }
        return app;
    }

    static void requireOpenid(String openid) {
        if (openid == null || !OPENID.matcher(openid).matches()) {
            throw SandboxInputException.invalid("openid must be 1 to 64 letters, digits, '_' or '-'");
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
