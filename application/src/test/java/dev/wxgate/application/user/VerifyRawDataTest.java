package dev.wxgate.application.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.session.Session;
import dev.wxgate.testfixtures.data.Sessions;
import org.junit.jupiter.api.Test;

class VerifyRawDataTest {
    // WeChat's documented example: sha1(rawData + session_key).
    private static final String RAW =
            "{\"nickName\":\"Band\",\"gender\":1,\"language\":\"zh_CN\",\"city\":\"Guangzhou\","
                    + "\"province\":\"Guangdong\",\"country\":\"CN\",\"avatarUrl\":\"http://wx.qlogo.cn/mmopen/"
                    + "vi_32/1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuuICqIM5ibXQ/0\"}";
    private static final String KEY = "HyVFkGl5F5OQWJZZaNzBBg==";
    private static final String SIGNATURE = "75e81ceda165f4ffa64f4068af58c64b8f54b88c";

    private final Session session = Sessions.session().sessionKey(KEY).build();

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
