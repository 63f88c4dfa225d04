package dev.wxgate.application.token;

import static dev.wxgate.application.token.Harness.CLASSIC;
import static dev.wxgate.application.token.Harness.STABLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.StoredToken;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RefreshAheadOfExpiryTest {
    private final Harness wxgate = new Harness();

    @AfterEach
    void close() {
        wxgate.close();
    }

    @Test
    void aTokenIsRefreshedTheMarginBeforeItsExpiryNotEarlier() throws Exception {
        wxgate.get().current(CLASSIC);
        RefreshAheadOfExpiry scheduler = wxgate.useCases().refreshAheadOfExpiry();

        wxgate.clock.advance(Duration.ofHours(2).minus(Duration.ofMinutes(5)).minusSeconds(1));
        assertThat(scheduler.refreshDue()).isZero();
        wxgate.clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.refreshDue()).isEqualTo(1);

        awaitVersion(2);
        assertThat(wxgate.source.calls()).isEqualTo(2);
    }

    @Test
    void aShortLivedTokenIsRefreshedAfterHalfItsLifeNotAtOnce() throws Exception {
        wxgate.source.lifetime(Duration.ofSeconds(10));
        wxgate.get().current(CLASSIC);
        RefreshAheadOfExpiry scheduler = wxgate.useCases().refreshAheadOfExpiry();

        wxgate.clock.advance(Duration.ofMillis(4999));
        assertThat(scheduler.refreshDue()).isZero();
        wxgate.clock.advance(Duration.ofMillis(1));
        assertThat(scheduler.refreshDue()).isEqualTo(1);
        awaitVersion(2);
    }

    @Test
    void aStableTokenWechatReissuesUnchangedIsNotFetchedAgainAndAgain() throws Exception {
        wxgate.get().current(STABLE);
        RefreshAheadOfExpiry scheduler = wxgate.useCases().refreshAheadOfExpiry();
        wxgate.clock.advance(Duration.ofHours(2).minus(Duration.ofMinutes(5)));
        // WeChat's stable endpoint answers the same token with its remaining life: 5 minutes.
        StoredToken stored = wxgate.store.readLatest(STABLE).orElseThrow();
        wxgate.store.put(
                STABLE,
                new AccessToken(
                        stored.token().value(),
                        wxgate.clock.instant(),
                        stored.token().expiresAt()),
                "node-1");

        assertThat(scheduler.refreshDue()).isZero();
        wxgate.clock.advance(Duration.ofMinutes(2).plusSeconds(29));
        assertThat(scheduler.refreshDue()).isZero();
        wxgate.clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.refreshDue())
                .as("half of the 5 minutes left has passed")
                .isEqualTo(1);
    }

    @Test
    void onThreeNodesOneRefreshes() throws Exception {
        wxgate.get().current(CLASSIC);
        List<RefreshAheadOfExpiry> nodes = List.of(
                wxgate.useCases().refreshAheadOfExpiry(),
                wxgate.node(wxgate.settings()).refreshAheadOfExpiry(),
                wxgate.node(wxgate.settings()).refreshAheadOfExpiry());
        wxgate.clock.advance(Duration.ofHours(2).minus(Duration.ofMinutes(4)));
        wxgate.source.close();

        nodes.forEach(RefreshAheadOfExpiry::refreshDue);
        for (int i = 0; i < 1000 && wxgate.store.waitingFor(CLASSIC) < 2; i++) {
            Thread.sleep(5);
        }
        wxgate.source.open();
        awaitVersion(2);
        for (int i = 0; i < 1000 && wxgate.events.count(RefreshAttempt.ALREADY_FRESH) < 2; i++) {
            Thread.sleep(5);
        }

        assertThat(wxgate.source.calls()).isEqualTo(2);
        assertThat(wxgate.events.count(RefreshAttempt.ALREADY_FRESH)).isEqualTo(2);
        nodes.forEach(node -> assertThat(node.refreshDue()).isZero());
    }

    @Test
    void appsNobodyAskedForAreNotFetched() {
        assertThat(wxgate.useCases().refreshAheadOfExpiry().refreshDue()).isZero();
        assertThat(wxgate.source.calls()).isZero();
    }

    private void awaitVersion(long version) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (wxgate.store.readLatest(CLASSIC).map(StoredToken::version).orElse(0L) >= version) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("version " + version + " was never stored");
    }
}
