package dev.wxgate.application.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.callback.CallbackRejectedException;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import dev.wxgate.domain.callback.CallbackSignature;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifyCallbackUrlTest {
    private static final AppId APP = AppId.of("wx134c8103faa5a59e");
    private static final String TOKEN = "AAAAA";
    private static final Instant NOW = Instant.ofEpochSecond(1714036504);

    private final MutableClock clock = new MutableClock(NOW);
    private final SetDeduplication deduplication = new SetDeduplication();
    private final VerifyCallbackUrl verify = new VerifyCallbackUrl(
            new WechatApps(List.of(new WechatApp(
                    APP,
                    AppSecret.of("0123456789abcdef0123456789abcdef"),
                    AppType.OFFICIAL_ACCOUNT,
                    TokenMode.STABLE,
                    Optional.of(new CallbackSettings(TOKEN, Optional.empty()))))),
            deduplication,
            new CallbackPolicy(Duration.ofSeconds(300), Duration.ofMinutes(15)),
            clock);

    @Test
    void wechatsPublishedExampleIsAnsweredAtItsOwnTime() {
        assertThat(verify.verify(new VerifyCallbackUrl.Command(
                        APP,
                        "f464b24fc39322e44b38aa78f5edd27bd1441696",
                        "1714036504",
                        "1514711492",
                        "4375120948345356249")))
                .isEqualTo("4375120948345356249");
    }

    @Test
    void aTimestampOutsideTheWindowIsRefusedThoughSigned() {
        for (long offset : new long[] {-301, 301, 86_400 * 365}) {
            String timestamp = Long.toString(NOW.getEpochSecond() + offset);
            assertRefused(command(timestamp, "7" + offset), Reason.STALE_TIMESTAMP);
        }
        assertRefused(command("yesterday", "8"), Reason.STALE_TIMESTAMP);
        assertThat(verify.verify(command(Long.toString(NOW.getEpochSecond() - 300), "9")))
                .isEqualTo("echo");
    }

    @Test
    void aNonceIsUsedOnceWithinTheWindow() {
        VerifyCallbackUrl.Command once = command(Long.toString(NOW.getEpochSecond()), "42");

        assertThat(verify.verify(once)).isEqualTo("echo");
        clock.advance(Duration.ofSeconds(100));
        assertRefused(once, Reason.REPLAYED_NONCE);
    }

    @Test
    void aForgedVerificationIsRefusedBeforeItsNonceIsRemembered() {
        String timestamp = Long.toString(NOW.getEpochSecond());
        VerifyCallbackUrl.Command forged =
                new VerifyCallbackUrl.Command(APP, CallbackSignature.of("other", timestamp, "5"), timestamp, "5", "e");

        assertRefused(forged, Reason.BAD_SIGNATURE);
        assertThat(verify.verify(command(timestamp, "5"))).isEqualTo("echo");
    }

    private static VerifyCallbackUrl.Command command(String timestamp, String nonce) {
        return new VerifyCallbackUrl.Command(
                APP, CallbackSignature.of(TOKEN, timestamp, nonce), timestamp, nonce, "echo");
    }

    private void assertRefused(VerifyCallbackUrl.Command command, Reason reason) {
        assertThatThrownBy(() -> verify.verify(command))
                .isInstanceOfSatisfying(CallbackRejectedException.class, rejected -> assertThat(rejected.reason())
                        .isEqualTo(reason));
    }
}
