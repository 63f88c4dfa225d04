package dev.wxgate.application.token;

import static dev.wxgate.application.token.Harness.CLASSIC;
import static dev.wxgate.application.token.Harness.STABLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.audit.AuditEntry;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.audit.AuditQuery;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ForceRefreshAccessTokenTest {
    private final Harness wxgate = new Harness();

    @AfterEach
    void close() {
        wxgate.close();
    }

    private ForcedRefreshResult force(String reason) {
        return wxgate.force().forceRefresh(new ForcedRefreshRequest(STABLE, "alice", reason));
    }

    @Test
    void aForcedRefreshReplacesTheTokenAndIsAudited() {
        AccessToken before = wxgate.get().current(STABLE);

        ForcedRefreshResult outcome = force("secret rotated");

        assertThat(outcome).isInstanceOfSatisfying(ForcedRefreshResult.Refreshed.class, refreshed -> {
            assertThat(refreshed.credential()).isNotEqualTo(before);
            assertThat(wxgate.get().current(STABLE)).isEqualTo(refreshed.credential());
        });
        assertThat(wxgate.source.forcedCalls()).isEqualTo(1);
        assertThat(wxgate.audit.events).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo("alice");
            assertThat(event.reason()).contains("secret rotated");
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(event.occurredAt()).isEqualTo(wxgate.clock.instant());
        });
    }

    @Test
    void theStableBudgetIsTwentyADayAtLeastThirtySecondsApartAndItsRestIsVisible() {
        assertThat(force("1")).isInstanceOf(ForcedRefreshResult.Refreshed.class);
        Instant first = wxgate.clock.instant();

        wxgate.clock.advance(Duration.ofSeconds(29));
        assertThat(force("too soon")).isInstanceOfSatisfying(ForcedRefreshResult.Refused.class, refused -> {
            assertThat(refused.why()).contains("one forced refresh every 30 s");
            assertThat(refused.nextAllowedAt()).contains(first.plusSeconds(30));
        });
        assertThat(wxgate.useCases().viewTokenStatus().of(STABLE)).satisfies(status -> {
            assertThat(status.forcedRefreshesLeft()).hasValue(19);
            assertThat(status.nextForcedRefreshAt()).contains(first.plusSeconds(30));
        });

        for (int i = 2; i <= 20; i++) {
            wxgate.clock.advance(Duration.ofSeconds(30));
            assertThat(force(Integer.toString(i))).isInstanceOf(ForcedRefreshResult.Refreshed.class);
        }
        wxgate.clock.advance(Duration.ofSeconds(30));
        assertThat(force("21"))
                .isInstanceOfSatisfying(ForcedRefreshResult.Refused.class, refused -> assertThat(refused.why())
                        .contains("20 forced refreshes a day and all are used"));

        assertThat(wxgate.source.forcedCalls()).isEqualTo(20);
        assertThat(wxgate.useCases().viewTokenStatus().of(STABLE).forcedRefreshesLeft())
                .hasValue(0);
        assertThat(wxgate.audit.events)
                .extracting(AuditEvent::outcome)
                .filteredOn(AuditOutcome.REFUSED::equals)
                .hasSize(2);
        assertThat(wxgate.audit.events).hasSize(22);
    }

    @Test
    void classicModeHasNoForcedRefreshBudgetButCountsThem() {
        for (int i = 0; i < 3; i++) {
            assertThat(wxgate.force().forceRefresh(new ForcedRefreshRequest(CLASSIC, "alice", "test")))
                    .isInstanceOf(ForcedRefreshResult.Refreshed.class);
        }
        assertThat(wxgate.useCases().viewTokenStatus().of(CLASSIC)).satisfies(status -> {
            assertThat(status.today().forcedRefreshes()).isEqualTo(3);
            assertThat(status.forcedRefreshesLeft()).isEmpty();
        });
    }

    @Test
    void aFailedForcedRefreshIsAuditedAndTheOldTokenStays() {
        AccessToken before = wxgate.get().current(STABLE);
        wxgate.source.failWith(FakeTokenSource.failure(WechatFailure.UPSTREAM_BUSY, -1));

        assertThat(force("try"))
                .isInstanceOfSatisfying(ForcedRefreshResult.Failed.class, failed -> assertThat(failed.why())
                        .contains("upstream_busy"));

        assertThat(wxgate.get().current(STABLE)).isEqualTo(before);
        assertThat(wxgate.audit.events).singleElement().satisfies(event -> assertThat(event.outcome())
                .isEqualTo(AuditOutcome.FAILED));
    }

    @Test
    void anAuditLogThatFailsDoesNotUndoTheRefresh() {
        AccessTokenUseCases withBrokenAudit = AccessTokenUseCases.create(
                wxgate.apps,
                wxgate.source,
                wxgate.store,
                wxgate.quota,
                new AuditLog() {
                    @Override
                    public long record(AuditEvent event) {
                        throw new IllegalStateException("database down");
                    }

                    @Override
                    public List<AuditEntry> find(AuditQuery query) {
                        return List.of();
                    }
                },
                CredentialEvents.NONE,
                wxgate.settings(),
                wxgate.clock,
                Runnable::run);

        assertThat(withBrokenAudit
                        .forceRefreshAccessToken()
                        .forceRefresh(new ForcedRefreshRequest(STABLE, "alice", "x")))
                .isInstanceOf(ForcedRefreshResult.Refreshed.class);
    }
}
