package dev.wxgate.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Inbound adapter: WeChat's server endpoints over HTTP at the configured prefix. It maps every method to each path so
 * the engine can answer a wrong method the way WeChat does (43001/43002), reads parameters and bodies leniently so
 * Spring never answers for WeChat, and writes the engine's outcome as WeChat's JSON.
 */
@RestController
class WechatApiController {
    private static final Logger log = LoggerFactory.getLogger(WechatApiController.class);

    /** Resolved from the environment: "" standalone, e.g. "/_sandbox/wechat" embedded. */
    static final String PREFIX = "${wxgate.sandbox.wechat-path:}";

    private final SandboxEngine engine;

    WechatApiController(SandboxEngine engine) {
        this.engine = engine;
    }

    record TokenBody(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_in") long expiresIn) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SessionBody(@JsonProperty("session_key") String sessionKey, String openid, String unionid) {}

    record ErrorBody(int errcode, String errmsg) {}

    record RenewedKeyBody(
            int errcode,
            String errmsg,
            String openid,
            @JsonProperty("session_key") String sessionKey) {}

    record Watermark(long timestamp, String appid) {}

    record TicketBody(
            int errcode,
            String errmsg,
            String ticket,
            @JsonProperty("expires_in") long expiresIn) {}

    record PhoneInfoBody(String phoneNumber, String purePhoneNumber, String countryCode, Watermark watermark) {}

    record PhoneBody(
            int errcode,
            String errmsg,
            @JsonProperty("phone_info") PhoneInfoBody phoneInfo) {}

    @RequestMapping(PREFIX + Endpoint.Path.TOKEN)
    ResponseEntity<byte[]> token(
            HttpMethod method,
            @RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "appid", required = false) String appid,
            @RequestParam(name = "secret", required = false) String secret,
            HttpServletRequest request) {
        IpRules.Refusal refusal = engine.ipRefusal(Endpoint.TOKEN, appid, request.getRemoteAddr());
        if (refusal != null) {
            return refused(refusal);
        }
        return answer(
                engine.classicToken(method.name(), grantType, appid, secret),
                grant -> new TokenBody(grant.accessToken(), grant.expiresIn()));
    }

    @RequestMapping(PREFIX + Endpoint.Path.STABLE_TOKEN)
    ResponseEntity<byte[]> stableToken(HttpMethod method, HttpServletRequest request) throws IOException {
        SandboxEngine.StableTokenRequest body = readStableTokenRequest(SandboxJson.rawBody(request));
        IpRules.Refusal refusal = engine.ipRefusal(Endpoint.STABLE_TOKEN, body.appid(), request.getRemoteAddr());
        if (refusal != null) {
            return refused(refusal);
        }
        return answer(
                engine.stableToken(method.name(), body),
                grant -> new TokenBody(grant.accessToken(), grant.expiresIn()));
    }

    @RequestMapping(PREFIX + Endpoint.Path.CLEAR_QUOTA)
    ResponseEntity<byte[]> clearQuota(HttpMethod method, HttpServletRequest request) throws IOException {
        // The body first: reading a parameter first would let the container swallow a form-typed body.
        byte[] body = SandboxJson.rawBody(request);
        String accessToken = request.getParameter("access_token");
        Optional<JsonNode> json = SandboxJson.readObject(body);
        if (json.isPresent() && !isStringOrAbsent(json.get(), "appid")) {
            return answer(Outcome.<Integer>failed(ErrorCode.DATA_FORMAT_ERROR), cleared -> null);
        }
        String appid = json.map(node -> string(node, "appid")).orElse(null);
        return answer(engine.clearQuota(method.name(), accessToken, appid), cleared -> new ErrorBody(0, "ok"));
    }

    @RequestMapping(PREFIX + Endpoint.Path.CODE_TO_SESSION)
    ResponseEntity<byte[]> codeToSession(
            HttpMethod method,
            @RequestParam(name = "appid", required = false) String appid,
            @RequestParam(name = "secret", required = false) String secret,
            @RequestParam(name = "js_code", required = false) String jsCode,
            @RequestParam(name = "grant_type", required = false) String grantType) {
        return answer(
                engine.codeToSession(method.name(), appid, secret, jsCode, grantType),
                login -> new SessionBody(login.sessionKey(), login.openid(), login.unionid()));
    }

    @RequestMapping(PREFIX + Endpoint.Path.CHECK_SESSION)
    ResponseEntity<byte[]> checkSession(
            HttpMethod method,
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(name = "openid", required = false) String openid,
            @RequestParam(name = "signature", required = false) String signature,
            @RequestParam(name = "sig_method", required = false) String sigMethod) {
        return answer(
                engine.checkSession(method.name(), accessToken, openid, signature, sigMethod),
                checked -> new ErrorBody(0, "ok"));
    }

    @RequestMapping(PREFIX + Endpoint.Path.RESET_SESSION_KEY)
    ResponseEntity<byte[]> resetSessionKey(
            HttpMethod method,
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(name = "openid", required = false) String openid,
            @RequestParam(name = "signature", required = false) String signature,
            @RequestParam(name = "sig_method", required = false) String sigMethod) {
        return answer(
                engine.resetSessionKey(method.name(), accessToken, openid, signature, sigMethod),
                renewed -> new RenewedKeyBody(0, "ok", renewed.openid(), renewed.sessionKey()));
    }

    @RequestMapping(PREFIX + Endpoint.Path.PHONE_NUMBER)
    ResponseEntity<byte[]> phoneNumber(HttpMethod method, HttpServletRequest request) throws IOException {
        // The body first: reading a parameter first would let the container swallow a form-typed body.
        byte[] body = SandboxJson.rawBody(request);
        String accessToken = request.getParameter("access_token");
        return answer(
                engine.phoneNumber(method.name(), accessToken, readPhoneCodeRequest(body)),
                info -> new PhoneBody(
                        0,
                        "ok",
                        new PhoneInfoBody(
                                info.phone().phoneNumber(),
                                info.phone().purePhoneNumber(),
                                info.phone().countryCode(),
                                new Watermark(info.timestamp(), info.appid()))));
    }

    @RequestMapping(PREFIX + Endpoint.Path.GET_TICKET)
    ResponseEntity<byte[]> getTicket(
            HttpMethod method,
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(name = "type", required = false) String type) {
        return answer(
                engine.getTicket(method.name(), accessToken, type),
                issued -> new TicketBody(0, "ok", issued.ticket(), issued.expiresIn()));
    }

    /**
     * Unknown paths in WeChat's namespaces: HTTP 404 with an errcode body (our choice; WeChat's own answer for a
     * mistyped path is not documented). Paths outside them are left to the host application.
     */
    @RequestMapping({PREFIX + "/cgi-bin/**", PREFIX + "/sns/**", PREFIX + "/wxa/**"})
    ResponseEntity<byte[]> unknown(HttpServletRequest request) {
        return notFound(engine, request);
    }

    /** WeChat never shows a stack trace: anything unexpected is "-1 system error" with HTTP 200. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e) {
        // The exception's message could quote a request value, so only its type is logged at WARN.
        log.warn("unexpected {} answered as -1 system error", e.getClass().getName());
        log.debug("unexpected failure", e);
        return SandboxJson.wechat(HttpStatus.OK, error(engine, ErrorCode.SYSTEM_ERROR));
    }

    static ResponseEntity<byte[]> notFound(SandboxEngine engine, HttpServletRequest request) {
        return SandboxJson.wechat(
                HttpStatus.NOT_FOUND,
                new ErrorBody(
                        ErrorCode.SYSTEM_ERROR.errcode(),
                        "no such api: " + request.getMethod() + " " + request.getRequestURI()
                                + " (wechat sandbox) rid: " + engine.requestId()));
    }

    /** A token call from an address the app's IP rules refuse (checked first, as WeChat does before quotas). */
    private ResponseEntity<byte[]> refused(IpRules.Refusal refusal) {
        return SandboxJson.wechat(
                HttpStatus.OK,
                new ErrorBody(refusal.code().errcode(), refusal.message() + " rid: " + engine.requestId()));
    }

    private <T> ResponseEntity<byte[]> answer(Outcome<T> outcome, Function<T, Object> success) {
        return switch (outcome) {
            case Outcome.Ok<T> ok -> SandboxJson.wechat(HttpStatus.OK, success.apply(ok.value()));
            case Outcome.Failed<T> failed -> SandboxJson.wechat(HttpStatus.OK, error(engine, failed.error()));
            case Outcome.Unavailable<T> unavailable -> SandboxJson.outage();
        };
    }

    private static ErrorBody error(SandboxEngine engine, ErrorCode code) {
        return new ErrorBody(code.errcode(), code.message() + " rid: " + engine.requestId());
    }

    /**
     * A body that is not a JSON object reads as an empty one: WeChat answered a form-encoded stable_token call with
     * "41002 appid missing" (community report), not with a format error. A field of the wrong type is a format error.
     */
    static SandboxEngine.StableTokenRequest readStableTokenRequest(byte[] body) {
        Optional<JsonNode> json = SandboxJson.readObject(body);
        if (json.isEmpty()) {
            return new SandboxEngine.StableTokenRequest(null, null, null, false, true);
        }
        JsonNode node = json.get();
        boolean wellFormed = isStringOrAbsent(node, "grant_type")
                && isStringOrAbsent(node, "appid")
                && isStringOrAbsent(node, "secret")
                && (absent(node, "force_refresh") || node.get("force_refresh").isBoolean());
        if (!wellFormed) {
            return new SandboxEngine.StableTokenRequest(null, null, null, false, false);
        }
        return new SandboxEngine.StableTokenRequest(
                string(node, "grant_type"),
                string(node, "appid"),
                string(node, "secret"),
                !absent(node, "force_refresh") && node.get("force_refresh").booleanValue(),
                true);
    }

    /** Null (47001) when the body is not a JSON object or its fields have the wrong types. */
    static SandboxEngine.PhoneCodeRequest readPhoneCodeRequest(byte[] body) {
        Optional<JsonNode> json = SandboxJson.readObject(body);
        if (json.isEmpty()) {
            return null;
        }
        JsonNode node = json.get();
        if (!isStringOrAbsent(node, "code") || !isStringOrAbsent(node, "openid")) {
            return null;
        }
        return new SandboxEngine.PhoneCodeRequest(string(node, "code"), string(node, "openid"));
    }

    private static boolean absent(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull();
    }

    private static boolean isStringOrAbsent(JsonNode node, String field) {
        return absent(node, field) || node.get(field).isString();
    }

    private static String string(JsonNode node, String field) {
        return absent(node, field) ? null : node.get(field).stringValue();
    }
}
