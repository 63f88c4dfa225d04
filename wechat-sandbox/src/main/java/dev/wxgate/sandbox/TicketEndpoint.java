package dev.wxgate.sandbox;

import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Engine part: getticket, an official account's JS-SDK tickets ({@code jsapi}, {@code wx_card}) fetched with its
 * access_token. Each call issues a new ticket that lives as long as the app's tokens ({@code tokenExpiresIn}, 7200 s
 * by default); earlier ones are not checked anywhere (wx.config runs in the WeChat client, which the sandbox is not),
 * so none is kept. Each type has its own daily quota, the app's {@code dailyQuota}.
 */
final class TicketEndpoint {
    static final Set<String> TYPES = Set.of("jsapi", "wx_card");

    /** What getticket answers: the ticket and its seconds. */
    record Issued(String ticket, long expiresIn) {
        @Override
        public String toString() {
            return "Issued[" + Secrets.mask(ticket) + ", expiresIn=" + expiresIn + "]";
        }
    }

    private final CallGate gate;
    private final Secrets secrets;
    private final OffsetClock clock;

    TicketEndpoint(CallGate gate, Secrets secrets, OffsetClock clock) {
        this.gate = gate;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** GET /cgi-bin/ticket/getticket?access_token=&amp;type=jsapi|wx_card */
    Outcome<Issued> getTicket(EngineState s, String httpMethod, String accessToken, String type) {
        IssuedToken token = s.token(accessToken);
        Outcome<Issued> fault = gate.admit(s, Endpoint.GET_TICKET, token);
        if (fault != null) {
            return fault;
        }
        if (!"GET".equals(httpMethod)) {
            return Outcome.failed(ErrorCode.REQUIRE_GET);
        }
        Instant now = clock.instant();
        if (EngineState.blank(accessToken)) {
            return Outcome.failed(ErrorCode.ACCESS_TOKEN_MISSING);
        }
        if (token == null) {
            return Outcome.failed(ErrorCode.INVALID_CREDENTIAL);
        }
        ErrorCode rejection = token.rejectionAt(now);
        if (rejection != null) {
            return Outcome.failed(rejection);
        }
        AppState app = s.appOf(token);
        if (app == null) {
            return Outcome.failed(ErrorCode.INVALID_CREDENTIAL);
        }
        // The sandbox's choice: JS-SDK tickets belong to official accounts; WeChat's answer to a mini-program's
        // token is not documented.
        if (app.config().type() != AppType.OFFICIAL_ACCOUNT) {
            return Outcome.failed(ErrorCode.INVALID_APPID);
        }
        if (type == null || !TYPES.contains(type)) {
            return Outcome.failed(ErrorCode.INVALID_ARGS);
        }
        DailyCounter calls = s.ticketCalls.computeIfAbsent(app.appId() + " " + type, key -> new DailyCounter());
        synchronized (calls) {
            if (!calls.tryAcquire(AppState.day(now), app.config().dailyQuota())) {
                return Outcome.failed(ErrorCode.DAILY_QUOTA);
            }
        }
        long expiresIn = app.config().tokenExpiresIn();
        return Outcome.ok(new Issued(ticket(), expiresIn));
    }

    /** Real tickets are 86 URL-safe characters. */
    private String ticket() {
        String random = Base64.getUrlEncoder().withoutPadding().encodeToString(secrets.bytes(63));
        return random.substring(0, 84) + "qg";
    }

    /** getticket calls of {@code type} the app made on the sandbox's current day. */
    static int callsToday(EngineState s, String appId, String type, Instant now) {
        DailyCounter calls = s.ticketCalls.get(appId + " " + type);
        if (calls == null) {
            return 0;
        }
        synchronized (calls) {
            return calls.countOn(AppState.day(now));
        }
    }
}
