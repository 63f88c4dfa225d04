package dev.wxgate.adapters.web.api;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.UserSnapshot;
import dev.wxgate.domain.user.UnionId;
import java.time.Clock;
import java.time.Instant;

/** The JSON the mini-program API speaks: requests as the client sends them, answers as it reads them. */
final class ApiViews {
    private ApiViews() {}

    record LoginRequest(String appId, String code) {}

    record LoginResponse(String token, long expiresIn, UserSummary user) {}

    record UserSummary(long id, String openid, String unionid, boolean newUser, boolean profileComplete) {}

    record TokenResponse(String token, long expiresIn) {}

    record MeResponse(
            long id,
            String appId,
            String openid,
            String unionid,
            String nickname,
            String avatarUrl,
            boolean profileComplete,
            Instant registeredAt) {

        static MeResponse of(UserSnapshot user, Session session) {
            return new MeResponse(
                    session.userId().value(),
                    session.identity().appId().value(),
                    session.identity().openId().value(),
                    user.unionId().map(UnionId::value).orElse(null),
                    user.profile().nickname().orElse(null),
                    user.profile().avatarUrl().orElse(null),
                    user.profile().isComplete(),
                    user.registeredAt());
        }
    }

    record ProfileRequest(String nickname, String avatarUrl) {}

    record DecryptRequest(String encryptedData, String iv) {}

    record RawDataRequest(String rawData, String signature) {}

    record PhoneRequest(String code) {}

    record PhoneResponse(String phoneNumber, String purePhoneNumber, String countryCode) {}

    record Validity(boolean valid) {}

    /** @param sessions how many of the user's live sessions of the app now hold the new session_key */
    record SessionKeyReset(boolean reset, int sessions) {}

    record SessionView(
            String id, String appId, Instant createdAt, Instant lastSeenAt, Instant expiresAt, boolean current) {

        static SessionView of(Session session, Session current) {
            return new SessionView(
                    session.id().value(),
                    session.identity().appId().value(),
                    session.createdAt(),
                    session.lastSeenAt(),
                    session.expiresAt(),
                    session.id().equals(current.id()));
        }
    }

    static long secondsLeft(Session session, Clock clock) {
        return session.expiresIn(clock.instant()).toSeconds();
    }

    /** A required JSON field, refused with a message that names it. */
    static String required(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
