package dev.wxgate.application.token;

import static dev.wxgate.application.token.Harness.CLASSIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.token.AccessToken;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A website app has no access_token: every token use case refuses it precisely and none asks WeChat for one. */
class WebsiteAppTokenTest {
    static final AppId WEBSITE = AppId.of("wx00000000000000a4");

    private final Harness wxgate = new Harness(List.of(new WechatApp(
            WEBSITE,
            AppSecret.of("0123456789abcdef0123456789abcdef"),
            AppType.WEBSITE,
            TokenMode.STABLE,
            Optional.empty())));

    @AfterEach
    void close() {
        wxgate.close();
    }

    @Test
    void everyTokenUseCaseRefusesAWebsiteAppWithoutCallingWechat() {
        assertThatExceptionOfType(NoAccessTokenException.class)
                .isThrownBy(() -> wxgate.get().current(WEBSITE))
                .withMessage("app wx00000000000000a4 is a website app, which has no access_token (it serves web login"
                        + " only)");
        assertThatExceptionOfType(NoAccessTokenException.class)
                .isThrownBy(() -> wxgate.report().reportInvalid(new InvalidTokenReport(WEBSITE, "stale", "orders")));
        assertThatExceptionOfType(NoAccessTokenException.class)
                .isThrownBy(() -> wxgate.force().forceRefresh(new ForcedRefreshRequest(WEBSITE, "admin", "leak")));
        assertThatExceptionOfType(NoAccessTokenException.class)
                .isThrownBy(() -> wxgate.useCases().viewTokenStatus().of(WEBSITE));
        assertThat(wxgate.source.calls()).isZero();
    }

    @Test
    void refreshAheadAndTheStatusListLeaveAWebsiteAppOut() {
        wxgate.get().current(CLASSIC);
        // Even a token found under its id (written by an older wxgate, say) is neither refreshed nor shown.
        wxgate.store.put(
                WEBSITE,
                new AccessToken(
                        "left-over",
                        wxgate.clock.instant(),
                        wxgate.clock.instant().plusSeconds(7200)),
                "node-0");
        wxgate.clock.advance(Duration.ofHours(2).minus(Duration.ofMinutes(4)));

        assertThat(wxgate.useCases().refreshAheadOfExpiry().refreshDue()).isEqualTo(1);
        assertThat(wxgate.useCases().viewTokenStatus().all())
                .extracting(TokenStatus::appId)
                .doesNotContain(WEBSITE)
                .contains(CLASSIC);
    }
}
