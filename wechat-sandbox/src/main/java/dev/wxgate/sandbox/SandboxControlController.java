package dev.wxgate.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Inbound adapter: the sandbox's control API under /_sandbox/ (not part of WeChat's surface), for tests to arrange
 * apps, users, codes, faults and time, and to read call counts; by default for clients on this host only, and its push
 * tool for wxgate's callback URLs only. Errors are {"error": "..."} with 400, 403, 404 or 409.
 */
@RestController
@RequestMapping(SandboxControlController.BASE)
class SandboxControlController {
    private static final Logger log = LoggerFactory.getLogger(SandboxControlController.class);

    static final String BASE = "/_sandbox";

    private final SandboxEngine engine;
    private final CallbackPush push;
    private final ControlAccess access;
    private final PushTargets targets;
    private final CallbackAdmin admin;

    SandboxControlController(
            SandboxEngine engine, CallbackPush push, CallbackAdmin admin, ControlAccess access, PushTargets targets) {
        this.engine = engine;
        this.push = push;
        this.admin = admin;
        this.access = access;
        this.targets = targets;
    }

    /** Before every control call, the unknown ones included: only the clients {@code control-from} allows. */
    @ModelAttribute
    void fromAllowedClient(HttpServletRequest request) {
        boolean forwarded = request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null;
        if (!access.allows(request.getRemoteAddr(), forwarded)) {
            throw ControlAccess.refusal();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AppBody(
            String appId,
            String secret,
            String type,
            String unionGroup,
            long tokenExpiresIn,
            int dailyQuota,
            int stableDailyQuota,
            Integer tokenCallsToday,
            Integer stableTokenCallsToday,
            Integer forceRefreshesToday) {

        static AppBody of(AppConfig c) {
            return new AppBody(
                    c.appId(),
                    c.secret(),
                    c.type().wireName(),
                    c.unionGroup(),
                    c.tokenExpiresIn(),
                    c.dailyQuota(),
                    c.stableDailyQuota(),
                    null,
                    null,
                    null);
        }

        static AppBody of(SandboxEngine.AppView view) {
            AppConfig c = view.config();
            return new AppBody(
                    c.appId(),
                    c.secret(),
                    c.type().wireName(),
                    c.unionGroup(),
                    c.tokenExpiresIn(),
                    c.dailyQuota(),
                    c.stableDailyQuota(),
                    view.classicCallsToday(),
                    view.stableCallsToday(),
                    view.forceRefreshesToday());
        }
    }

    record CodeBody(String code) {}

    record UserBody(String appId, String openid, boolean blocked) {}

    record StatsBody(Map<String, Map<String, Long>> apps) {}

    record FaultsBody(Map<String, Fault> faults) {}

    record ClockBody(Instant now, long epochSeconds, long offsetSeconds, String zone) {}

    record StatusBody(String status) {}

    record ErrorBody(String error) {}

    /** One delivery of a push; absent fields are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeliveryBody(
            Integer status,
            long elapsedMillis,
            String rawReply,
            String reply,
            Boolean replySignatureValid,
            String replyError,
            Map<String, Object> replyMessage,
            Boolean replyAddressedBack,
            String replyProblem,
            String error) {
        static DeliveryBody of(CallbackDelivery d) {
            CallbackReply shown = d.shown();
            return new DeliveryBody(
                    d.status(),
                    d.elapsedMillis(),
                    d.rawReply(),
                    d.reply(),
                    d.replySignatureValid(),
                    d.replyError(),
                    shown == null ? null : shown.message(),
                    shown == null ? null : shown.addressedBack(),
                    shown == null ? null : shown.problem(),
                    d.error());
        }
    }

    /** The first delivery's outcome at the top, every delivery in {@code deliveries}, and what was sent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PushBody(
            Integer status,
            long elapsedMillis,
            String rawReply,
            String reply,
            Boolean replySignatureValid,
            String replyError,
            Map<String, Object> replyMessage,
            Boolean replyAddressedBack,
            String replyProblem,
            String error,
            List<DeliveryBody> deliveries,
            SentBody sent) {
        static PushBody of(CallbackPush.Report report) {
            List<DeliveryBody> deliveries =
                    report.deliveries().stream().map(DeliveryBody::of).toList();
            DeliveryBody first = deliveries.getFirst();
            return new PushBody(
                    first.status(),
                    first.elapsedMillis(),
                    first.rawReply(),
                    first.reply(),
                    first.replySignatureValid(),
                    first.replyError(),
                    first.replyMessage(),
                    first.replyAddressedBack(),
                    first.replyProblem(),
                    first.error(),
                    deliveries,
                    new SentBody(report.sentUrl(), report.contentType(), report.sentBody()));
        }
    }

    record SentBody(String url, String contentType, String body) {}

    @GetMapping("/apps")
    ResponseEntity<byte[]> apps() {
        List<AppBody> apps = engine.apps().stream().map(AppBody::of).toList();
        return ok(apps);
    }

    @GetMapping("/apps/{appId}")
    ResponseEntity<byte[]> app(@PathVariable String appId) {
        return ok(AppBody.of(engine.app(appId)));
    }

    @PostMapping("/apps")
    ResponseEntity<byte[]> addApp(HttpServletRequest request) throws IOException {
        ControlInput in = ControlInput.read(
                request,
                false,
                Set.of("appId", "secret", "type", "unionGroup", "tokenExpiresIn", "dailyQuota", "stableDailyQuota"));
        AppType type = ControlRequests.type(in);
        AppConfig added = engine.addApp(
                in.string("appId").orElse(null),
                in.string("secret").orElse(null),
                type,
                in.string("unionGroup").orElse(null),
                ControlRequests.tokenExpiresIn(in),
                ControlRequests.quota(in, "dailyQuota"),
                ControlRequests.quota(in, "stableDailyQuota"));
        return SandboxJson.control(HttpStatus.CREATED, AppBody.of(added));
    }

    @PatchMapping("/apps/{appId}")
    ResponseEntity<byte[]> changeApp(@PathVariable String appId, HttpServletRequest request) throws IOException {
        ControlInput in = ControlInput.read(request, true, Set.of("tokenExpiresIn", "dailyQuota", "stableDailyQuota"));
        AppConfig changed = engine.changeApp(
                appId,
                ControlRequests.tokenExpiresIn(in),
                ControlRequests.quota(in, "dailyQuota"),
                ControlRequests.quota(in, "stableDailyQuota"));
        return ok(AppBody.of(changed));
    }

    @PostMapping("/apps/{appId}/users/{openid}/login-code")
    ResponseEntity<byte[]> loginCode(
            @PathVariable String appId, @PathVariable String openid, HttpServletRequest request) throws IOException {
        ControlInput in = ControlInput.read(request, false, Set.of("unionid"));
        String code = engine.createLoginCode(appId, openid, in.string("unionid").orElse(null));
        return SandboxJson.control(HttpStatus.CREATED, new CodeBody(code));
    }

    @PostMapping("/apps/{appId}/users/{openid}/phone-code")
    ResponseEntity<byte[]> phoneCode(
            @PathVariable String appId, @PathVariable String openid, HttpServletRequest request) throws IOException {
        ControlInput in = ControlInput.read(request, false, Set.of("phoneNumber"));
        PhoneNumber phone = in.string("phoneNumber").map(PhoneNumber::parse).orElse(null);
        String code = engine.createPhoneCode(appId, openid, phone);
        return SandboxJson.control(HttpStatus.CREATED, new CodeBody(code));
    }

    /** The body (any JSON object, e.g. a userInfo) as encryptedData for the user's live session. */
    @PostMapping("/apps/{appId}/users/{openid}/encrypted-data")
    ResponseEntity<byte[]> encryptedData(
            @PathVariable String appId, @PathVariable String openid, HttpServletRequest request) throws IOException {
        JsonNode data = SandboxJson.readObject(SandboxJson.rawBody(request))
                .orElseThrow(() -> SandboxInputException.invalid("the body must be a JSON object (the user data)"));
        // ?timestamp= (epoch seconds) dates the watermark, so a test can make data as old as it needs.
        long timestamp = ControlRequests.epochSeconds(request.getParameter("timestamp"))
                .orElse(engine.now().getEpochSecond());
        String json = SandboxJson.watermarked(data, appId, timestamp);
        return SandboxJson.control(HttpStatus.CREATED, engine.encryptForUser(appId, openid, json));
    }

    /** The body (a userInfo) as getUserProfile gives it: rawData and signature = sha1(rawData + session_key). */
    @PostMapping("/apps/{appId}/users/{openid}/raw-data")
    ResponseEntity<byte[]> rawData(@PathVariable String appId, @PathVariable String openid, HttpServletRequest request)
            throws IOException {
        JsonNode data = SandboxJson.readObject(SandboxJson.rawBody(request))
                .orElseThrow(() -> SandboxInputException.invalid("the body must be a JSON object (the user info)"));
        return SandboxJson.control(
                HttpStatus.CREATED,
                engine.signRawData(appId, openid, SandboxJson.CODEC.write(SandboxJson.toMap(data))));
    }

    /**
     * Sends a message to a callback URL as WeChat would (signed, in the chosen mode and format, encrypted where the
     * mode says so) and reports the reply, decrypted; see the README for the body.
     */
    @PostMapping("/apps/{appId}/push")
    ResponseEntity<byte[]> push(@PathVariable String appId, HttpServletRequest request) throws IOException {
        engine.app(appId); // 404 for an unknown app
        ControlInput in = ControlInput.read(
                request,
                true,
                Set.of(
                        "url",
                        "token",
                        "encodingAesKey",
                        "mode",
                        "format",
                        "message",
                        "timestamp",
                        "nonce",
                        "repeat",
                        "retry"));
        CallbackPush.Request pushed =
                ControlRequests.push(appId, in, admin.saved(appId), url -> targets.check(url, request.getLocalPort()));
        CallbackPush.Report report = push.push(pushed);
        log.info(
                "pushed to {} for app {} ({} {}, {} deliveries)",
                pushed.url().getHost(),
                appId,
                pushed.mode().wireName(),
                pushed.format().wireName(),
                report.deliveries().size());
        return ok(PushBody.of(report));
    }

    /**
     * Saves the app's message-push settings as WeChat's admin does: first its URL verification (a signed GET with an
     * echostr), then, only if the echostr came back, the settings; {@code verified} says which.
     */
    @PutMapping("/apps/{appId}/callback")
    ResponseEntity<byte[]> saveCallback(@PathVariable String appId, HttpServletRequest request) throws IOException {
        engine.app(appId); // 404 for an unknown app
        ControlInput in = ControlInput.read(request, true, Set.of("url", "token", "encodingAesKey", "mode", "format"));
        CallbackAdmin.Verification verification =
                admin.save(appId, ControlRequests.callback(in, url -> targets.check(url, request.getLocalPort())));
        log.info("callback URL saved for app {}: verified {}", appId, verification.verified());
        return ok(verification);
    }

    /**
     * The admin changes the app's EncodingAESKey (to the one given, or a random one) and submits: verified again, and
     * from then on pushes are sealed with the new key.
     */
    @PutMapping("/apps/{appId}/callback/encoding-aes-key")
    ResponseEntity<byte[]> changeEncodingAesKey(@PathVariable String appId, HttpServletRequest request)
            throws IOException {
        engine.app(appId); // 404 for an unknown app
        ControlInput in = ControlInput.read(request, false, Set.of("encodingAesKey"));
        CallbackAdmin.Verification verification =
                admin.changeKey(appId, in.string("encodingAesKey").orElse(null));
        log.info("EncodingAESKey changed for app {}: verified {}", appId, verification.verified());
        return ok(verification);
    }

    @PostMapping("/apps/{appId}/users/{openid}/block")
    ResponseEntity<byte[]> block(@PathVariable String appId, @PathVariable String openid) {
        engine.block(appId, openid, true);
        return ok(new UserBody(appId, openid, true));
    }

    @DeleteMapping("/apps/{appId}/users/{openid}/block")
    ResponseEntity<byte[]> unblock(@PathVariable String appId, @PathVariable String openid) {
        engine.block(appId, openid, false);
        return ok(new UserBody(appId, openid, false));
    }

    /** The app's IP rules: {@code whitelist} (absent or null: off) and {@code riskControl} (89503 for new IPs). */
    @GetMapping("/apps/{appId}/ip-rules")
    ResponseEntity<byte[]> ipRules(@PathVariable String appId) {
        return ok(engine.ipRules(appId).view());
    }

    @PutMapping("/apps/{appId}/ip-rules")
    ResponseEntity<byte[]> setIpRules(@PathVariable String appId, HttpServletRequest request) throws IOException {
        ControlInput in = ControlInput.read(request, true, Set.of("whitelist", "riskControl"));
        IpRules rules = engine.ipRules(appId);
        rules.set(
                in.strings("whitelist", 1000).orElse(null),
                in.bool("riskControl").orElse(false));
        return ok(rules.view());
    }

    /** The admin confirms an address under risk control: {@code {"ip": "..."}}. */
    @PostMapping("/apps/{appId}/ip-rules/confirm")
    ResponseEntity<byte[]> confirmIp(@PathVariable String appId, HttpServletRequest request) throws IOException {
        ControlInput in = ControlInput.read(request, true, Set.of("ip"));
        IpRules rules = engine.ipRules(appId);
        rules.confirm(in.string("ip")
                .filter(ip -> !ip.isBlank() && ip.length() <= 64)
                .orElseThrow(() -> SandboxInputException.invalid("ip is required")));
        return ok(rules.view());
    }

    @GetMapping("/stats")
    ResponseEntity<byte[]> stats() {
        return ok(new StatsBody(engine.stats()));
    }

    @GetMapping("/faults")
    ResponseEntity<byte[]> faults() {
        return ok(new FaultsBody(engine.faults()));
    }

    /** PUT /_sandbox/faults/cgi-bin/token: the endpoint path follows, without WeChat's prefix. */
    @PutMapping("/faults/{*endpoint}")
    ResponseEntity<byte[]> setFault(@PathVariable String endpoint, HttpServletRequest request) throws IOException {
        Endpoint target = ControlRequests.endpoint(endpoint);
        ControlInput in = ControlInput.read(request, true, Set.of("latencyMillis", "busyRate", "outage", "errcode"));
        engine.setFault(target, ControlRequests.fault(in));
        return ok(new FaultsBody(engine.faults()));
    }

    @DeleteMapping("/faults/{*endpoint}")
    ResponseEntity<byte[]> clearFault(@PathVariable String endpoint) {
        engine.clearFault(ControlRequests.endpoint(endpoint));
        return ok(new FaultsBody(engine.faults()));
    }

    @DeleteMapping("/faults")
    ResponseEntity<byte[]> clearFaults() {
        engine.clearFaults();
        return ok(new FaultsBody(engine.faults()));
    }

    @PostMapping("/reset")
    ResponseEntity<byte[]> reset() {
        engine.reset();
        admin.reset();
        return ok(new StatusBody("reset"));
    }

    @GetMapping("/clock")
    ResponseEntity<byte[]> clock() {
        return ok(clockBody());
    }

    @PostMapping("/clock/advance")
    ResponseEntity<byte[]> advanceClock(HttpServletRequest request) throws IOException {
        ControlInput in = ControlInput.read(request, false, Set.of("seconds"));
        long seconds = in.integer("seconds", 1, SandboxEngine.MAX_CLOCK_ADVANCE.toSeconds())
                .orElseThrow(() -> SandboxInputException.invalid("seconds is required"));
        engine.advanceClock(Duration.ofSeconds(seconds));
        return ok(clockBody());
    }

    @RequestMapping("/**")
    ResponseEntity<byte[]> unknown(HttpServletRequest request) {
        return SandboxJson.control(
                HttpStatus.NOT_FOUND,
                new ErrorBody("no control endpoint " + request.getMethod() + " " + request.getRequestURI()));
    }

    @ExceptionHandler(SandboxInputException.class)
    ResponseEntity<byte[]> refused(SandboxInputException e) {
        HttpStatus status =
                switch (e.kind()) {
                    case INVALID -> HttpStatus.BAD_REQUEST;
                    case NOT_FOUND -> HttpStatus.NOT_FOUND;
                    case CONFLICT -> HttpStatus.CONFLICT;
                    case FORBIDDEN -> HttpStatus.FORBIDDEN;
                };
        return SandboxJson.control(status, new ErrorBody(e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e) {
        log.warn("control API failed unexpectedly: {}", e.getClass().getName());
        log.debug("control API failure", e);
        return SandboxJson.control(HttpStatus.INTERNAL_SERVER_ERROR, new ErrorBody("internal error in the sandbox"));
    }

    private ClockBody clockBody() {
        Instant now = engine.now();
        return new ClockBody(now, now.getEpochSecond(), engine.clockOffset().toSeconds(), AppState.WECHAT_ZONE.getId());
    }

    private static ResponseEntity<byte[]> ok(Object body) {
        return SandboxJson.control(HttpStatus.OK, body);
    }
}
