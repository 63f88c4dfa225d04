package dev.wxgate.application.token;

import static dev.wxgate.application.token.Harness.CLASSIC;
import static dev.wxgate.application.token.Harness.OTHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.application.UnknownAppException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.StoredToken;
import dev.wxgate.domain.token.WechatDay;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GetAccessTokenTest {
    private final Harness wxgate = new Harness();

    @AfterEach
    void close() {
        wxgate.close();
    }

    @Test
    void theFirstCallFetchesAndStoresVersionOne() {
        AccessToken token = wxgate.get().current(CLASSIC);

        assertThat(wxgate.source.calls()).isEqualTo(1);
        StoredToken stored = wxgate.store.readLatest(CLASSIC).orElseThrow();
        assertThat(stored.token()).isEqualTo(token);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.fetchedBy()).isEqualTo("node-1");
        assertThat(wxgate.quota
                        .usage(CLASSIC, WechatDay.of(wxgate.clock.instant()))
                        .calls())
                .isEqualTo(1);
    }

    @Test
    void aValidTokenIsServedWithoutCallingWechat() {
        AccessToken first = wxgate.get().current(CLASSIC);
        wxgate.clock.advance(Duration.ofMinutes(30));

        assertThat(wxgate.get().current(CLASSIC)).isEqualTo(first);
        assertThat(wxgate.source.calls()).isEqualTo(1);
    }

    @Test
    void concurrentCallersCauseOneRefresh() throws Exception {
        wxgate.source.close();
        List<Future<AccessToken>> answers =
                callConcurrently(100, () -> wxgate.get().current(CLASSIC));
        assertThat(wxgate.source.awaitFirstCall()).isTrue();
        wxgate.source.open();

        Set<AccessToken> served = new HashSet<>();
        for (Future<AccessToken> answer : answers) {
            served.add(answer.get());
        }
        assertThat(served).hasSize(1);
        assertThat(wxgate.source.calls()).isEqualTo(1);
    }

    @Test
    void callersGetTheTokenOnceItIsStoredNotAfterTheUnlock() throws Exception {
        CountDownLatch unlocking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        wxgate.store.beforeUnlock = appId -> {
            unlocking.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<AccessToken> answer = caller.submit(() -> wxgate.get().current(CLASSIC));

            assertThat(unlocking.await(10, TimeUnit.SECONDS)).isTrue();
            // The refresh still holds the lock while the caller has its token, stored and counted.
            assertThat(answer.get(10, TimeUnit.SECONDS))
                    .isEqualTo(wxgate.store.read(CLASSIC).orElseThrow().token());
            assertThat(wxgate.quota
                            .usage(CLASSIC, WechatDay.of(wxgate.clock.instant()))
                            .calls())
                    .isEqualTo(1);
        } finally {
            release.countDown();
            caller.shutdown();
        }
        assertThat(wxgate.source.calls()).isEqualTo(1);
    }

    @Test
    void concurrentCallersOnThreeNodesCauseOneRefresh() throws Exception {
        List<GetAccessToken> nodes = List.of(
                wxgate.get(),
                wxgate.node(wxgate.settings()).getAccessToken(),
                wxgate.node(wxgate.settings()).getAccessToken());
        wxgate.source.close();
        List<Future<AccessToken>> answers =
                callConcurrently(90, index -> nodes.get(index % 3).current(CLASSIC));
        assertThat(wxgate.source.awaitFirstCall()).isTrue();
        // One node is in WeChat; the other two wait for its lock.
        for (int i = 0; i < 1000 && wxgate.store.waitingFor(CLASSIC) < 2; i++) {
            Thread.sleep(5);
        }
        wxgate.source.open();

        Set<AccessToken> served = new HashSet<>();
        for (Future<AccessToken> answer : answers) {
            served.add(answer.get());
        }
        assertThat(served).hasSize(1);
        assertThat(wxgate.source.calls()).isEqualTo(1);
        assertThat(wxgate.events.count(RefreshAttempt.REFRESHED)).isEqualTo(1);
        assertThat(wxgate.events.count(RefreshAttempt.ALREADY_FRESH)).isEqualTo(2);
    }

    @Test
    void aRefreshAnotherNodeMadeWhileWaitingForTheLockIsUsedNotRepeated() {
        AccessToken theirs =
                AccessToken.issued("THEIRS_" + "y".repeat(20), wxgate.clock.instant(), Duration.ofHours(2));
        wxgate.store.afterLock = appId -> wxgate.store.put(appId, theirs, "node-2");

        assertThat(wxgate.get().current(CLASSIC)).isEqualTo(theirs);
        assertThat(wxgate.source.calls()).isZero();
        assertThat(wxgate.events.count(RefreshAttempt.ALREADY_FRESH)).isEqualTo(1);
    }

    @Test
    void anOlderTokenNeverOverwritesANewerOne() {
        // Another node stores its token while this one is fetching (its lease had ended): the compare-and-set loses.
        AccessToken newer = AccessToken.issued("NEWER_" + "z".repeat(20), wxgate.clock.instant(), Duration.ofHours(2));
        wxgate.store.beforeCompareAndSet = appId -> {
            wxgate.store.beforeCompareAndSet = ignored -> {};
            wxgate.store.put(appId, newer, "node-2");
        };

        AccessToken served = wxgate.get().current(CLASSIC);

        assertThat(served).isEqualTo(newer);
        assertThat(wxgate.store.readLatest(CLASSIC).orElseThrow().token()).isEqualTo(newer);
        assertThat(wxgate.source.calls()).isEqualTo(1);
        assertThat(wxgate.events.count(RefreshAttempt.LOST_RACE)).isEqualTo(1);
    }

    @Test
    void theStillValidTokenIsServedWhileARefreshRuns() throws Exception {
        AccessToken old = wxgate.get().current(CLASSIC);
        wxgate.clock.advance(Duration.ofHours(2).minus(Duration.ofMinutes(4)));
        wxgate.source.close();

        // Due for refresh-ahead: the caller gets the old token at once and a refresh starts behind it.
        assertThat(wxgate.get().current(CLASSIC)).isEqualTo(old);
        assertThat(wxgate.get().current(CLASSIC)).isEqualTo(old);
        wxgate.source.open();

        awaitVersion(CLASSIC, 2);
        assertThat(wxgate.get().current(CLASSIC)).isNotEqualTo(old);
        assertThat(wxgate.source.calls()).isEqualTo(2);
    }

    @Test
    void withoutAValidTokenCallersWaitBoundedThenGetTokenUnavailable() throws Exception {
        wxgate.with(wxgate.settings().withWaits(Duration.ofSeconds(10), Duration.ofMillis(200)));
        wxgate.source.close();

        assertThatThrownBy(() -> wxgate.get().current(CLASSIC))
                .isInstanceOf(TokenUnavailableException.class)
                .hasMessageContaining("did not finish within")
                .satisfies(e -> assertThat(((TokenUnavailableException) e).reason())
                        .isEqualTo(TokenUnavailableException.Reason.TIMED_OUT));
        wxgate.source.open();
        awaitVersion(CLASSIC, 1);
        assertThat(wxgate.source.calls()).isEqualTo(1);
    }

    @Test
    void aFailedRefreshIsSharedByEveryoneWaitingForIt() throws Exception {
        wxgate.source.failWith(FakeTokenSource.failure(WechatFailure.UPSTREAM_BUSY, -1));
        wxgate.source.close();
        List<Future<AccessToken>> answers =
                callConcurrently(50, () -> wxgate.get().current(CLASSIC));
        assertThat(wxgate.source.awaitFirstCall()).isTrue();
        wxgate.source.open();

        for (Future<AccessToken> answer : answers) {
            assertThatThrownBy(answer::get)
                    .cause()
                    .isInstanceOf(TokenUnavailableException.class)
                    .hasMessageContaining("upstream_busy");
        }
        assertThat(wxgate.source.calls()).isEqualTo(1);
    }

    @Test
    void badCredentialsAreAClearPerAppErrorAndAreNotRetriedInATightLoop() {
        wxgate.source.failWith(FakeTokenSource.failure(WechatFailure.BAD_CREDENTIALS, 40125));

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> wxgate.get().current(CLASSIC))
                    .isInstanceOf(TokenUnavailableException.class)
                    .hasMessageContaining("app " + CLASSIC)
                    .hasMessageContaining("credentials (errcode 40125)")
                    .hasMessageContaining("next attempt after")
                    .satisfies(e -> assertThat(((TokenUnavailableException) e).reason())
                            .isEqualTo(TokenUnavailableException.Reason.BAD_CREDENTIALS));
        }
        assertThat(wxgate.source.calls()).isEqualTo(1);
        assertThat(wxgate.events.count(RefreshAttempt.BACKING_OFF)).isEqualTo(4);
        assertThat(wxgate.events.count(RefreshAttempt.BAD_CREDENTIALS))
                .as("told apart from other failures, for alerts")
                .isEqualTo(1);
        assertThat(wxgate.events.count(RefreshAttempt.FAILED)).isZero();

        // The pause is per app, and it ends.
        wxgate.source.succeed();
        assertThat(wxgate.get().current(OTHER)).isNotNull();
        wxgate.clock.advance(Duration.ofMinutes(1));
        assertThat(wxgate.get().current(CLASSIC)).isNotNull();
        assertThat(wxgate.source.calls()).isEqualTo(3);
    }

    @Test
    void repeatedFailuresDoubleThePause() {
        wxgate.source.failWith(FakeTokenSource.failure(WechatFailure.BAD_CREDENTIALS, 40125));
        assertThatThrownBy(() -> wxgate.get().current(CLASSIC)).isInstanceOf(TokenUnavailableException.class);
        wxgate.clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> wxgate.get().current(CLASSIC)).isInstanceOf(TokenUnavailableException.class);

        wxgate.clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> wxgate.get().current(CLASSIC)).isInstanceOf(TokenUnavailableException.class);
        assertThat(wxgate.source.calls()).as("second pause is two minutes").isEqualTo(2);
        wxgate.clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> wxgate.get().current(CLASSIC)).isInstanceOf(TokenUnavailableException.class);
        assertThat(wxgate.source.calls()).isEqualTo(3);
    }

    @Test
    void anUnknownAppIsRejectedWithoutTouchingAnything() {
        assertThatThrownBy(() -> wxgate.get().current(AppId.of("wx0123456789abcdef")))
                .isInstanceOf(UnknownAppException.class);
        assertThat(wxgate.source.calls()).isZero();
    }

    @Test
    void aWarningIsReportedOnceWhenTheDailyQuotaReaches80Percent() {
        wxgate.with(wxgate.settings().withDailyQuota(5).withRefreshMargin(Duration.ZERO));

        for (int i = 0; i < 5; i++) {
            wxgate.get().current(CLASSIC);
            wxgate.clock.advance(Duration.ofHours(2));
        }

        assertThat(wxgate.source.calls()).isEqualTo(5);
        assertThat(wxgate.events.warnings).hasSize(1);
        assertThat(wxgate.events.warnings.getFirst().calls()).isEqualTo(4);
    }

    private void awaitVersion(AppId appId, long version) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (wxgate.store.readLatest(appId).map(StoredToken::version).orElse(0L) >= version) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("version " + version + " was never stored");
    }

    interface IndexedCall<T> {
        T call(int index) throws Exception;
    }

    static <T> List<Future<T>> callConcurrently(int callers, Callable<T> call) {
        return callConcurrently(callers, index -> call.call());
    }

    static <T> List<Future<T>> callConcurrently(int callers, IndexedCall<T> call) {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<T>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int index = i;
            answers.add(threads.submit(() -> call.call(index)));
        }
        threads.shutdown();
        return answers;
    }
}
