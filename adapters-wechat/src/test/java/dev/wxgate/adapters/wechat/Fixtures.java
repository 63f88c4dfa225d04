package dev.wxgate.adapters.wechat;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.user.OpenId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Test data shared by the adapter tests. */
final class Fixtures {
    static final String APP_ID = "wx0123456789abcdef";
    static final String SECRET = "S3cr3tS3cr3tS3cr3tS3cr3tabcd0123";
    static final String TOKEN_VALUE = "86_TOKENxYz-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_tokenTail";
    static final String OPEN_ID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    static final String SESSION_KEY = "tiihtNczf5v6AKRyjwEUhQ==";
    /** hex(HMAC-SHA256(key = "tiihtNczf5v6AKRyjwEUhQ==", message = "")), computed with openssl, not with wxgate. */
    static final String SESSION_KEY_SIGNATURE = "7154f9f8b4b76b92f541cbf0e37d48840fa06e5e42da92a6f80168a1516a4735";

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private Fixtures() {}

    static WechatApp app(TokenMode mode) {
        return new WechatApp(AppId.of(APP_ID), AppSecret.of(SECRET), AppType.MINI_PROGRAM, mode, Optional.empty());
    }

    static WechatApp app() {
        return app(TokenMode.STABLE);
    }

    static AccessToken token() {
        return AccessToken.issued(TOKEN_VALUE, NOW, Duration.ofHours(2));
    }

    static OpenId openId() {
        return new OpenId(OPEN_ID);
    }

    static SessionKey sessionKey() {
        return SessionKey.of(SESSION_KEY);
    }
}
