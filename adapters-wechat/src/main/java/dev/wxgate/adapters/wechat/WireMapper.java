package dev.wxgate.adapters.wechat;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.Ticket;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.wechat.CodeSession;
import dev.wxgate.domain.wechat.PhoneNumber;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Internal: WeChat's answers turned into domain values, once, at the edge. An answer the domain cannot accept is
 * WeChat breaking its contract, so it fails as {@code UPSTREAM_UNAVAILABLE}, never as a raw parse error.
 */
final class WireMapper {
    private WireMapper() {}

    static AccessToken accessToken(Endpoint endpoint, Wire.TokenAnswer answer, Instant requestedAt) {
        String value = endpoint.required(answer.accessToken(), "access_token");
        long expiresIn = endpoint.required(answer.expiresIn(), "expires_in");
        if (expiresIn <= 0) {
            throw endpoint.malformed("an expires_in that is not positive");
        }
        return accept(
                endpoint, "access_token", () -> AccessToken.issued(value, requestedAt, Duration.ofSeconds(expiresIn)));
    }

    static Ticket ticket(Endpoint endpoint, Wire.TicketAnswer answer, Instant requestedAt) {
        String value = endpoint.required(answer.ticket(), "ticket");
        long expiresIn = endpoint.required(answer.expiresIn(), "expires_in");
        if (expiresIn <= 0) {
            throw endpoint.malformed("an expires_in that is not positive");
        }
        return accept(endpoint, "ticket", () -> Ticket.issued(value, requestedAt, Duration.ofSeconds(expiresIn)));
    }

    static CodeSession codeSession(Endpoint endpoint, Wire.CodeSessionAnswer answer) {
        OpenId openId = openId(endpoint, answer.openid());
        SessionKey sessionKey = sessionKey(endpoint, answer.sessionKey());
        Optional<UnionId> unionId = answer.unionid() == null || answer.unionid().isEmpty()
                ? Optional.empty()
                : Optional.of(accept(endpoint, "unionid", () -> new UnionId(answer.unionid())));
        return new CodeSession(openId, sessionKey, unionId);
    }

    static SessionKey resetSessionKey(Endpoint endpoint, Wire.SessionKeyAnswer answer, OpenId expected) {
        // WeChat echoes the openid; a different one would mean the new key belongs to someone else.
        if (answer.openid() != null && !answer.openid().equals(expected.value())) {
            throw endpoint.malformed("a session_key for another openid");
        }
        return sessionKey(endpoint, answer.sessionKey());
    }

    static PhoneNumber phoneNumber(Endpoint endpoint, Wire.PhoneNumberAnswer answer, AppId appId) {
        Wire.PhoneInfo info = endpoint.required(answer.phoneInfo(), "phone_info");
        Wire.Watermark watermark = info.watermark();
        // The watermark names the app the number was released to; another app's means the token was not this
        // app's, and the number must not be handed to this one.
        if (watermark != null && watermark.appid() != null && !watermark.appid().equals(appId.value())) {
            throw new WechatException(
                    WechatFailure.REJECTED,
                    OptionalInt.empty(),
                    "WeChat " + endpoint.path() + " answered a phone number watermarked for another app");
        }
        String phoneNumber = endpoint.required(info.phoneNumber(), "phoneNumber");
        String pure = endpoint.required(info.purePhoneNumber(), "purePhoneNumber");
        String countryCode = endpoint.required(info.countryCode(), "countryCode");
        return accept(endpoint, "phone number", () -> new PhoneNumber(phoneNumber, pure, countryCode));
    }

    private static OpenId openId(Endpoint endpoint, String value) {
        String openId = endpoint.required(value, "openid");
        return accept(endpoint, "openid", () -> new OpenId(openId));
    }

    private static SessionKey sessionKey(Endpoint endpoint, String value) {
        String key = endpoint.required(value, "session_key");
        return accept(endpoint, "session_key", () -> SessionKey.of(key));
    }

    /** The domain's messages name the rule broken, never the value, so they are safe to pass on. */
    private static <T> T accept(Endpoint endpoint, String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw endpoint.malformed("a " + field + " wxgate cannot accept (" + e.getMessage() + ")");
        }
    }
}
