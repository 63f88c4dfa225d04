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

    @Test
    void aPreviousKeyIsTakenUntilItsEndAndNeverShown() {
        java.time.Instant until = java.time.Instant.parse("2026-12-04T06:00:00Z");
        CallbackSettings settings = new CallbackSettings(
                "token1", KEY, CallbackMode.SAFE, Optional.of(new PreviousAesKey("B".repeat(43), Optional.of(until))));

        assertThat(settings.encodingAesKeys()).containsExactly("A".repeat(43), "B".repeat(43));
        assertThat(settings.takes("B".repeat(43), until.minusSeconds(1))).isTrue();
        assertThat(settings.takes("B".repeat(43), until)).isFalse();
        assertThat(settings.takes("A".repeat(43), until)).isTrue();
        assertThat(settings.toString()).doesNotContain("AAAA", "BBBB");
        assertThat(settings.sealingWith("B".repeat(43)).encodingAesKey()).contains("B".repeat(43));
    }

    @Test
    void aPreviousKeyEqualToTheCurrentOneOrWithoutACurrentOneIsRefused() {
        Optional<PreviousAesKey> same = Optional.of(new PreviousAesKey("A".repeat(43), Optional.empty()));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CallbackSettings("token1", KEY, CallbackMode.SAFE, same))
                .withMessageContaining("must differ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CallbackSettings("token1", Optional.empty(), CallbackMode.PLAINTEXT, same))
                .withMessageContaining("needs a callback.encodingAesKey");
    }
}
