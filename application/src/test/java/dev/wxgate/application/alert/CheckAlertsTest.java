package dev.wxgate.application.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.wxgate.application.delivery.Backoff;
import dev.wxgate.application.token.TicketStatus;
import dev.wxgate.application.token.TokenStatus;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.alert.AlertKey;
import dev.wxgate.domain.alert.AlertKind;
import dev.wxgate.domain.alert.AlertMessage;
import dev.wxgate.domain.alert.AlertNotSentException;
import dev.wxgate.domain.alert.AlertSink;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.delivery.OutboxDepth;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.wechat.WechatFailure;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The alert state machine through its use case: a fake store shared by "nodes", a recording receiver. */
class CheckAlertsTest {
    private static final AppId APP = AppId.of("wx0123456789abcdef");
    private static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(START);
    private final MapAlertStates states = new MapAlertStates();
    private final List<AlertMessage> received = new CopyOnWriteArrayList<>();
    private volatile boolean receiverDown;
    private volatile TokenStatus status = healthy(0);
    private volatile OutboxDepth depth = new OutboxDepth(0, 0);
    private volatile boolean tokensUnreadable;

    private final AlertSink sink = (message, timeout) -> {
        if (receiverDown) {
            throw new AlertNotSentException("connection refused");
        }
        received.add(message);
    };

    private CheckAlerts node(String name) {
        Supplier<List<TokenStatus>> tokens = () -> {
            if (tokensUnreadable) {
                throw new StoreUnavailableException("redis down", null);
            }
            return List.of(status);
        };
        Supplier<List<TicketStatus>> tickets = List::of;
        AlertConditions conditions = new AlertConditions(tokens, tickets, () -> depth, new AlertThresholds(80, 3, 100));
        AlertPolicy policy = new AlertPolicy(
                name,
                Duration.ofHours(4),
                INTERVAL.multipliedBy(2),
                Duration.ofMinutes(1),
                Duration.ofSeconds(5),
                new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), new Random(1)),
                20);
        return new CheckAlerts(conditions, states, sink, policy, clock);
    }

    private static TokenStatus healthy(long callsToday) {
        return new TokenStatus(
                APP,
                TokenMode.STABLE,
                Optional.of(stored(START.minusSeconds(60))),
                new QuotaUsage(callsToday, 0, 0, Optional.empty()),
                2000,
                OptionalInt.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static TokenStatus.Stored stored(Instant fetchedAt) {
        return new TokenStatus.Stored(
                "abc***", 1, "node", fetchedAt, fetchedAt.plusSeconds(7200), fetchedAt.plusSeconds(7000));
    }

    private TokenStatus failing(WechatFailure failure, int errcode, int inARow, Optional<TokenStatus.Stored> token) {
        return new TokenStatus(
                APP,
                TokenMode.STABLE,
                token,
                QuotaUsage.NONE,
                2000,
                OptionalInt.empty(),
                Optional.empty(),
                Optional.of(new TokenStatus.Failure(
                        failure,
                        OptionalInt.of(errcode),
                        inARow,
                        clock.instant(),
                        clock.instant().plusSeconds(60))));
    }

    private void everyInterval(int times, CheckAlerts... nodes) {
        for (int i = 0; i < times; i++) {
            clock.advance(INTERVAL);
            for (CheckAlerts node : nodes) {
                node.check();
            }
        }
    }

    @Test
    void badCredentialsFireOnceAndResolveOnceWhenTheRefreshSucceeds() {
        CheckAlerts node = node("a");
        status = failing(WechatFailure.BAD_CREDENTIALS, 40125, 1, Optional.empty());

        everyInterval(5, node);

        assertThat(received)
                .extracting(m -> m.key().kind(), AlertMessage::status)
                .containsExactlyInAnyOrder(
                        tuple(AlertKind.BAD_CREDENTIALS, AlertMessage.Status.FIRING),
                        tuple(AlertKind.TOKEN_UNAVAILABLE, AlertMessage.Status.FIRING));
        AlertMessage firing = received.stream()
                .filter(m -> m.key().kind() == AlertKind.BAD_CREDENTIALS)
                .findFirst()
                .orElseThrow();
        assertThat(firing.summary()).contains("errcode 40125").contains(APP.value());
        received.clear();

        status = healthy(3);
        everyInterval(5, node);

        assertThat(received)
                .extracting(m -> m.key().kind(), AlertMessage::status)
                .containsExactlyInAnyOrder(
                        tuple(AlertKind.BAD_CREDENTIALS, AlertMessage.Status.RESOLVED),
                        tuple(AlertKind.TOKEN_UNAVAILABLE, AlertMessage.Status.RESOLVED));
        assertThat(received.getFirst().since()).isEqualTo(firing.since());
    }

    @Test
    void aFailureOlderThanTheStoredTokenNoLongerFires() {
        // Another node stored a token after this node's failure: the failure this node remembers is history.
        TokenStatus.Failure old = new TokenStatus.Failure(
                WechatFailure.BAD_CREDENTIALS, OptionalInt.of(40125), 1, START.minusSeconds(120), START);
        status = new TokenStatus(
                APP,
                TokenMode.STABLE,
                Optional.of(stored(START.minusSeconds(60))),
                QuotaUsage.NONE,
                2000,
                OptionalInt.empty(),
                Optional.empty(),
                Optional.of(old));

        everyInterval(3, node("a"));

        assertThat(received).isEmpty();
        assertThat(states.all()).isEmpty();
    }

    @Test
    void aMessageTheReceiverRefusedStaysQueuedAndArrivesWhenItIsBack() {
        CheckAlerts node = node("a");
        receiverDown = true;
        status = healthy(1700);

        everyInterval(10, node);

        assertThat(received).isEmpty();
        assertThat(states.find(AlertKey.of(AlertKind.TOKEN_QUOTA, APP))
                        .orElseThrow()
                        .outbox())
                .singleElement()
                .extracting(AlertMessage::status)
                .isEqualTo(AlertMessage.Status.FIRING);

        receiverDown = false;
        everyInterval(30, node); // backoff capped at 10 min, checks every 30 s: 15 min is enough

        assertThat(received).singleElement().satisfies(m -> assertThat(m.summary())
                .contains("1700 of its 2000"));
        assertThat(states.find(AlertKey.of(AlertKind.TOKEN_QUOTA, APP))
                        .orElseThrow()
                        .outbox())
                .isEmpty();
    }

    @Test
    void aResolutionWhileTheFiringMessageWaitsSendsBothInOrder() {
        CheckAlerts node = node("a");
        receiverDown = true;
        depth = new OutboxDepth(500, 0);
        everyInterval(2, node);
        depth = new OutboxDepth(0, 0);
        everyInterval(5, node);

        receiverDown = false;
        everyInterval(30, node);

        assertThat(received)
                .extracting(m -> m.key().kind(), AlertMessage::status)
                .containsExactly(
                        tuple(AlertKind.PUSH_BACKLOG, AlertMessage.Status.FIRING),
                        tuple(AlertKind.PUSH_BACKLOG, AlertMessage.Status.RESOLVED));
    }

    @Test
    void aFiringAlertIsRemindedEveryRepeatInterval() {
        CheckAlerts node = node("a");
        depth = new OutboxDepth(0, 2);

        everyInterval((int) (Duration.ofHours(9).toSeconds() / INTERVAL.toSeconds()), node);

        // (the token, fetched at the start, expired meanwhile: that alert is another one)
        assertThat(received)
                .filteredOn(m -> m.key().kind() == AlertKind.PUSH_DEAD)
                .extracting(m -> m.key().kind(), AlertMessage::status)
                .containsExactly(
                        tuple(AlertKind.PUSH_DEAD, AlertMessage.Status.FIRING),
                        tuple(AlertKind.PUSH_DEAD, AlertMessage.Status.FIRING),
                        tuple(AlertKind.PUSH_DEAD, AlertMessage.Status.FIRING));
        assertThat(received)
                .filteredOn(m -> m.key().kind() == AlertKind.PUSH_DEAD)
                .extracting(AlertMessage::since)
                .containsOnly(received.getFirst().since());
    }

    @Test
    void twoNodesOnOneStoreSendEachMessageOnce() {
        CheckAlerts a = node("a");
        CheckAlerts b = node("b");
        depth = new OutboxDepth(1000, 0);

        everyInterval(5, a, b);
        depth = new OutboxDepth(0, 0);
        everyInterval(5, b, a);

        assertThat(received)
                .extracting(AlertMessage::status)
                .containsExactly(AlertMessage.Status.FIRING, AlertMessage.Status.RESOLVED);
    }

    @Test
    void anAlertSeenByOneNodeOnlyIsNotResolvedByAnother() {
        CheckAlerts sees = node("a");
        CheckAlerts blind = node("b");
        status = failing(WechatFailure.UPSTREAM_BUSY, -1, 5, Optional.of(stored(START.minusSeconds(60))));
        TokenStatus failingView = status;
        TokenStatus otherView = healthy(0);

        for (int i = 0; i < 5; i++) {
            clock.advance(INTERVAL);
            status = failingView;
            sees.check();
            status = otherView;
            blind.check();
        }

        assertThat(received)
                .extracting(m -> m.key().kind(), AlertMessage::status)
                .containsExactly(tuple(AlertKind.REFRESH_FAILING, AlertMessage.Status.FIRING));
    }

    @Test
    void anAlertIsNotResolvedWhileItsConditionCannotBeRead() {
        CheckAlerts node = node("a");
        status = healthy(1900);
        everyInterval(2, node);
        tokensUnreadable = true;

        everyInterval(10, node);

        assertThat(received).extracting(AlertMessage::status).containsExactly(AlertMessage.Status.FIRING);
        assertThat(states.find(AlertKey.of(AlertKind.TOKEN_QUOTA, APP))
                        .orElseThrow()
                        .firing())
                .isTrue();
    }
}
