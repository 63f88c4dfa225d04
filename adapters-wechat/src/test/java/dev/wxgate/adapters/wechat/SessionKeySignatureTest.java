package dev.wxgate.adapters.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.session.SessionKey;
import org.junit.jupiter.api.Test;

class SessionKeySignatureTest {

    // Vectors from `printf '' | openssl dgst -sha256 -hmac '<session_key text>'`: independent of the JDK's Mac.
    @Test
    void isTheHmacOfTheEmptyStringKeyedWithTheKeyText() {
        assertThat(SessionKeySignature.of(SessionKey.of("tiihtNczf5v6AKRyjwEUhQ==")))
                .isEqualTo("7154f9f8b4b76b92f541cbf0e37d48840fa06e5e42da92a6f80168a1516a4735");
        assertThat(SessionKeySignature.of(SessionKey.of("HyVFkGl5F5OQWJZZaNzBBg==")))
                .isEqualTo("252b75c92698025afe925b29cca5517fdf9ee67aae072cf3225ebf3a53783058");
    }
}
