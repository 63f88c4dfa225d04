package dev.wxgate.domain.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackSettingsTest {
    private static final Optional<String> KEY = Optional.of("A".repeat(43));

    @Test
    void theModeDefaultsToCompatibleWithAKeyAndPlaintextWithout() {
        assertThat(new CallbackSettings("token1", KEY).mode()).isEqualTo(CallbackMode.COMPATIBLE);
        assertThat(new CallbackSettings("token1", Optional.empty()).mode()).isEqualTo(CallbackMode.PLAINTEXT);
    }

    @Test
    void anEncryptedModeWithoutAKeyIsRefusedNamingTheSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CallbackSettings("token1", Optional.empty(), CallbackMode.SAFE))
                .withMessageStartingWith("callback.mode safe needs a callback.encodingAesKey");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CallbackSettings("token1", Optional.empty(), CallbackMode.COMPATIBLE))
                .withMessageStartingWith("callback.mode compatible needs a callback.encodingAesKey");
    }

    @Test
    void plaintextMayBePinnedWhileAKeyIsKept() {
        assertThat(new CallbackSettings("token1", KEY, CallbackMode.PLAINTEXT).mode())
                .isEqualTo(CallbackMode.PLAINTEXT);
    }

    @Test
    void eachModeAcceptsWhatWechatsOwnSettingSends() {
        assertThat(CallbackMode.PLAINTEXT.acceptsPlaintext()).isTrue();
        assertThat(CallbackMode.PLAINTEXT.acceptsEncrypted()).isFalse();
        assertThat(CallbackMode.COMPATIBLE.acceptsPlaintext()).isTrue();
        assertThat(CallbackMode.COMPATIBLE.acceptsEncrypted()).isTrue();
        assertThat(CallbackMode.SAFE.acceptsPlaintext()).isFalse();
        assertThat(CallbackMode.SAFE.acceptsEncrypted()).isTrue();
    }

    @Test
    void toStringShowsTheModeButNoSecret() {
        assertThat(new CallbackSettings("secretToken9", KEY, CallbackMode.SAFE).toString())
                .contains("mode=SAFE")
                .doesNotContain("secretToken9", KEY.get());
    }
}
