package dev.wxgate.application.token;

import static dev.wxgate.application.token.GetAccessTokenTest.callConcurrently;
import static dev.wxgate.application.token.Harness.CLASSIC;
import static dev.wxgate.application.token.Harness.STABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.token.AccessToken;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReportInvalidAccessTokenTest {
    private final Harness wxgate = new Harness();

    @AfterEach
    void close() {
        wxgate.close();
    }

    @Test
    void aReportOfAnOldTokenReturnsTheCurrentOneWithoutARefresh() {
        AccessToken old = wxgate.get().current(CLASSIC);
        AccessToken current = wxgate.report().reportInvalid(new InvalidTokenReport(CLASSIC, old.value(), "billing"));
        assertThat(current).isNotEqualTo(old);
        assertThat(wxgate.source.calls()).isEqualTo(2);

        assertThat(wxgate.report().reportInvalid(new InvalidTokenReport(CLASSIC, old.value(), "orders")))
                .isEqualTo(current);
        assertThat(wxgate.source.calls()).isEqualTo(2);
    }

    @Test
    void aHundredSimultaneousReportsOfTheCurrentTokenMakeOneRefresh() throws Exception {
        AccessToken bad = wxgate.get().current(CLASSIC);
        wxgate.source.close();

        List<Future<AccessToken>> answers = callConcurrently(
                100, () -> wxgate.report().reportInvalid(new InvalidTokenReport(CLASSIC, bad.value(), "orders")));
        assertThat(wxgate.source.awaitFirstCall()).isTrue();
        wxgate.source.open();

        Set<AccessToken> served = new HashSet<>();
        for (Future<AccessToken> answer : answers) {
            served.add(answer.get());
        }
        assertThat(served).hasSize(1).doesNotContain(bad);
        assertThat(wxgate.source.calls()).isEqualTo(2);
        assertThat(wxgate.store.readLatest(CLASSIC).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void inStableModeTheRefreshIsForcedOnlyWhenWechatReturnsTheRejectedTokenAgain() {
        AccessToken bad = wxgate.get().current(STABLE);

        AccessToken replaced = wxgate.report().reportInvalid(new InvalidTokenReport(STABLE, bad.value(), "orders"));

        assertThat(replaced).isNotEqualTo(bad);
        assertThat(wxgate.source.calls()).as("first fetch, plain retry, forced").isEqualTo(3);
        assertThat(wxgate.source.forcedCalls()).isEqualTo(1);
        assertThat(wxgate.audit.events).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(AuditKind.TOKEN_FORCE_REFRESH);
            assertThat(event.actor()).isEqualTo("orders");
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(event.appId()).contains(STABLE);
        });
    }

    @Test
    void inStableModeATokenAnotherPartyReplacedIsPickedUpWithoutSpendingTheBudget() {
        AccessToken bad = wxgate.get().current(STABLE);
        wxgate.source.rotateStableElsewhere(STABLE);

        AccessToken replaced = wxgate.report().reportInvalid(new InvalidTokenReport(STABLE, bad.value(), "orders"));

        assertThat(replaced).isNotEqualTo(bad);
        assertThat(wxgate.source.forcedCalls()).isZero();
        assertThat(wxgate.audit.events).isEmpty();
    }

    @Test
    void inStableModeAReportNeedingAForcedRefreshRespectsTheSpacing() {
        AccessToken bad = wxgate.get().current(STABLE);
        AccessToken first = wxgate.report().reportInvalid(new InvalidTokenReport(STABLE, bad.value(), "orders"));
        wxgate.clock.advance(Duration.ofSeconds(10));

        assertThatThrownBy(() -> wxgate.report().reportInvalid(new InvalidTokenReport(STABLE, first.value(), "orders")))
                .isInstanceOf(TokenUnavailableException.class)
                .hasMessageContaining("one forced refresh every 30 s")
                .satisfies(e -> {
                    TokenUnavailableException refused = (TokenUnavailableException) e;
                    assertThat(refused.reason()).isEqualTo(TokenUnavailableException.Reason.FORCE_REFRESH_REFUSED);
                    assertThat(refused.retryAfter())
                            .contains(wxgate.clock.instant().plusSeconds(20));
                });
        assertThat(wxgate.source.forcedCalls()).isEqualTo(1);
        assertThat(wxgate.audit.events)
                .extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.SUCCESS, AuditOutcome.REFUSED);
    }
}
