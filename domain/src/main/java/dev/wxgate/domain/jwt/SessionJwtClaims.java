package dev.wxgate.domain.jwt;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a session JWT says: who issued it for whom, which user and session it speaks for, and how long. */
public record SessionJwtClaims(
        String issuer,
        List<String> audiences,
        UserId subject,
        SessionId sessionId,
        AppId appId,
        OpenId openId,
        Optional<UnionId> unionId,
        Instant issuedAt,
        Instant expiresAt,
        String jwtId) {

    public SessionJwtClaims {
        Require.present(issuer, "iss");
        audiences = List.copyOf(Require.present(audiences, "aud"));
        Require.present(subject, "sub");
        Require.present(sessionId, "sid");
        Require.present(appId, "app_id");
        Require.present(openId, "openid");
        Require.present(unionId, "unionid");
        Require.present(issuedAt, "iat");
        Require.present(expiresAt, "exp");
        Require.present(jwtId, "jti");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("exp must be after iat");
        }
    }
}
