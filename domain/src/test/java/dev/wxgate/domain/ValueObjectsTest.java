package dev.wxgate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.session.SessionToken;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectsTest {
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

    @Test
    void appIdAcceptsWechatsShape() {
        assertThat(AppId.of("wx134c8103faa5a59e").value()).isEqualTo("wx134c8103faa5a59e");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "wx",
                "wx134c8103faa5a59",
                "wx134c8103faa5a59e0",
                "WX134c8103faa5a59e",
                "wx134C8103FAA5A59E",
                "wx134c8103faa5a59g",
                " wx134c8103faa5a59e"
            })
    void appIdRejectsAnythingElseNamingTheField(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> AppId.of(value)).withMessageStartingWith("appId ");
    }

    @Test
    void secretsNeverShowInToString() {
        String secret = "0123456789abcdef0123456789abcdef";
        assertThat(AppSecret.of(secret).toString()).doesNotContain(secret);
        assertThat(AppSecret.of(secret).reveal()).isEqualTo(secret);
        assertThat(new CallbackSettings("AAAAA", Optional.of("A".repeat(43))).toString())
                .doesNotContain("AAAAA");
    }

    @Test
    void aRejectedSecretIsNotEchoed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AppSecret.of("short-and-$ecret"))
                .withMessage("secret must be 16 to 64 letters or digits");
    }

    @Test
    void sessionTokenIs43Base64urlCharactersAndHidden() {
        String value = "A".repeat(42) + "_";
        assertThat(new SessionToken(value).toString()).doesNotContain(value);
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionToken("A".repeat(42)));
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionToken("A".repeat(42) + "="));
    }

    @Test
    void sessionKeyMustBeBase64Of16Bytes() {
        SessionKey key = SessionKey.of("tiihtNczf5v6AKRyjwEUhQ==");
        assertThat(key.aesKey()).hasSize(16);
        assertThat(key.toString()).doesNotContain("tiihtNczf5v6AKRyjwEUhQ==");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SessionKey.of("not base64!"))
                .withMessage("session_key must be base64");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SessionKey.of("AAAA"))
                .withMessage("session_key must encode 16 bytes");
    }

    @Test
    void accessTokenKnowsItsExpiryAndShowsOnlyItsEnds() {
        AccessToken token = AccessToken.issued("ACCESS_TOKEN_0123456789", NOW, Duration.ofSeconds(7200));

        assertThat(token.isValidAt(NOW.plusSeconds(7199))).isTrue();
        assertThat(token.isValidAt(NOW.plusSeconds(7200))).isFalse();
        assertThat(token.remainingAt(NOW.plusSeconds(7000))).isEqualTo(Duration.ofSeconds(200));
        assertThat(token.remainingAt(NOW.plusSeconds(9000))).isEqualTo(Duration.ZERO);
        assertThat(token.toString()).contains("ACCE…6789").doesNotContain("ACCESS_TOKEN_0123456789");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AccessToken.issued("x", NOW, Duration.ZERO))
                .withMessageContaining("expiresAt");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AccessToken.issued("has space", NOW, Duration.ofSeconds(1)));
    }

    @Test
    void userIdentifiersValidate() {
        assertThat(new OpenId("oGZUI0egBJY1zhBYw2KhdUfwVJJE").value()).hasSize(28);
        assertThat(new UnionId("o6_bmasdasdsad6_2sgVt7hMZOPfL").value()).startsWith("o6_");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OpenId("has space"))
                .withMessageStartingWith("openid");
        assertThatIllegalArgumentException().isThrownBy(() -> new UnionId("")).withMessageStartingWith("unionid");
        assertThatIllegalArgumentException().isThrownBy(() -> new UserId(0)).withMessageStartingWith("userId");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SessionId("short"))
                .withMessageStartingWith("sessionId");
    }

    @Test
    void maskShowsOnlyTheEndsOfLongValues() {
        assertThat(Secrets.mask("abcdefghijklmnop")).isEqualTo("abcd…mnop");
        assertThat(Secrets.mask("short")).isEqualTo("****");
        assertThat(Secrets.mask(null)).isEqualTo("****");
    }
}
