package dev.wxgate.application.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifyRawDataTest {
    // WeChat's documented example: sha1(rawData + session_key).
    private static final String RAW =
            "{\"nickName\":\"Band\",\"gender\":1,\"language\":\"zh_CN\",\"city\":\"Guangzhou\","
                    + "\"province\":\"Guangdong\",\"country\":\"CN\",\"avatarUrl\":\"http://wx.qlogo.cn/mmopen/"
                    + "vi_32/1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuuICqIM5ibXQ/0\"}";
    private static final String KEY = "HyVFkGl5F5OQWJZZaNzBBg==";
    private static final String SIGNATURE = "75e81ceda165f4ffa64f4068af58c64b8f54b88c";

    private final Session session = Session.start(
            new SessionId("AAAAAAAAAAAAAAAAAAAAAA"),
            new UserId(1),
            new Identity(AppId.of("wx0000000000000001"), new OpenId("oUser"), Optional.empty()),
            SessionKey.of(KEY),
            Instant.parse("2026-11-24T08:00:00Z"),
            SessionPolicy.DEFAULTS);

    @Test
    void wechatsOwnExampleVerifies() {
        assertThat(new VerifyRawData().verify(session, RAW, SIGNATURE)).isTrue();
        assertThat(new VerifyRawData().verify(session, RAW, SIGNATURE.toUpperCase()))
                .isTrue();
    }

    @Test
    void anyChangeOrGarbageFails() {
        assertThat(new VerifyRawData().verify(session, RAW + " ", SIGNATURE)).isFalse();
        assertThat(new VerifyRawData().verify(session, RAW, SIGNATURE.replace('7', '8')))
                .isFalse();
        assertThat(new VerifyRawData().verify(session, RAW, "not hex")).isFalse();
        assertThat(new VerifyRawData().verify(session, RAW, "")).isFalse();
    }
}
