package dev.wxgate.application.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.application.RecordingAuditLog;
import dev.wxgate.application.UnknownAppException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.Ticket;
import dev.wxgate.domain.token.TicketSource;
import dev.wxgate.domain.token.TicketType;
import dev.wxgate.domain.token.WechatDay;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ticket use cases over fakes: an official account and a mini-program, tickets fetched with the access_token. */
class TicketUseCasesTest {
    private static final AppId ACCOUNT = AppId.of("wx00000000000000a1");
    private static final AppId MINI = AppId.of("wx00000000000000b1");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T04:00:00Z"));
    private final FakeTokenSource tokens = new FakeTokenSource(clock);
    private final FakeTokenStore tokenStore = new FakeTokenStore();
    private final FakeTicketSource ticketSource = new FakeTicketSource();
    private final FakeCredentialQuota ticketQuota = new FakeCredentialQuota();
    private final WechatApps apps =
            new WechatApps(List.of(app(ACCOUNT, AppType.OFFICIAL_ACCOUNT), app(MINI, AppType.MINI_PROGRAM)));
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final TokenSettings settings =
            TokenSettings.defaults("node-1").withWaits(Duration.ofSeconds(10), Duration.ofSeconds(10));
    private final AccessTokenUseCases tokenUseCases = AccessTokenUseCases.create(
            apps,
            tokens,
            tokenStore,
            new FakeTokenQuota(),
            new RecordingAuditLog(),
            CredentialEvents.NONE,
            settings,
            clock,
            executor);
    private final TicketUseCases tickets = TicketUseCases.create(
            apps,
            ticketSource,
            tokenUseCases.withAccessToken(),
            new TicketStores(new FakeCredentialStore<>(), new FakeCredentialStore<>()),
            ticketQuota,
            new RecordingAuditLog(),
            CredentialEvents.NONE,
            settings,
            clock,
            executor);

    /** getticket as far as the use cases care: a new ticket per call, 40001 for a token the test declared dead. */
    private final class FakeTicketSource implements TicketSource {
        final List<String> tokensUsed = new CopyOnWriteArrayList<>();
        final Set<String> deadTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final AtomicInteger issued = new AtomicInteger();
        volatile CountDownLatch gate;
        /** When set, WeChat keeps handing out this ticket. */
        volatile String fixed;

        @Override
        public Ticket fetch(WechatApp app, AccessToken accessToken, TicketType type) {
            tokensUsed.add(accessToken.value());
            CountDownLatch held = gate;
            if (held != null) {
                try {
                    held.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (deadTokens.contains(accessToken.value())) {
                throw new WechatException(WechatFailure.INVALID_TOKEN, OptionalInt.of(40001), "invalid credential");
            }
            String value = fixed;
            return Ticket.issued(
                    value != null
                            ? value
                            : type.wireName() + "_TICKET_" + "y".repeat(20) + "_" + issued.incrementAndGet(),
                    clock.instant(),
                    Duration.ofHours(2));
        }
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static WechatApp app(AppId appId, AppType type) {
        return new WechatApp(
                appId, AppSecret.of("0123456789abcdef0123456789abcdef"), type, TokenMode.CLASSIC, Optional.empty());
    }

    private long ticketCallsToday() {
        return ticketQuota
                .usage(CredentialKey.ticket(TicketType.JSAPI, ACCOUNT), WechatDay.of(clock.instant()))
                .calls();
    }

    @Test
    void concurrentCallersCauseOneGetticketCallAndShareTheTicket() throws Exception {
        // The callers wait at the gate inside the one getticket call, or find its ticket stored: one call either way.
        ticketSource.gate = new CountDownLatch(1);
        List<Future<Ticket>> callers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            callers.add(executor.submit(() -> tickets.getTicket().current(ACCOUNT, TicketType.JSAPI)));
        }
        ticketSource.gate.countDown();

        Set<String> served = new HashSet<>();
        for (Future<Ticket> caller : callers) {
            served.add(caller.get().value());
        }
        assertThat(served).hasSize(1);
        assertThat(ticketSource.tokensUsed).hasSize(1);
        assertThat(ticketCallsToday()).isEqualTo(1);
        assertThat(tickets.getTicket().current(ACCOUNT, TicketType.JSAPI).value())
                .isIn(served);
        assertThat(ticketSource.tokensUsed).hasSize(1);
    }

    @Test
    void eachTypeIsItsOwnTicket() {
        Ticket jsapi = tickets.getTicket().current(ACCOUNT, TicketType.JSAPI);
        Ticket card = tickets.getTicket().current(ACCOUNT, TicketType.WX_CARD);

        assertThat(jsapi.value()).startsWith("jsapi_").isNotEqualTo(card.value());
        assertThat(card.value()).startsWith("wx_card_");
    }

    @Test
    void aDeadAccessTokenIsReportedOnceAndTheGetticketRetriedOnce() {
        String token = tokenUseCases.getAccessToken().current(ACCOUNT).value();
        int tokenCalls = tokens.calls();
        ticketSource.deadTokens.add(token);

        Ticket ticket = tickets.getTicket().current(ACCOUNT, TicketType.JSAPI);

        assertThat(ticket.value()).startsWith("jsapi_");
        assertThat(tokens.calls() - tokenCalls).as("access_token refreshes").isEqualTo(1);
        assertThat(ticketSource.tokensUsed).hasSize(2).first().isEqualTo(token);
        assertThat(ticketSource.tokensUsed.get(1)).isNotEqualTo(token);
        var usage = ticketQuota.usage(CredentialKey.ticket(TicketType.JSAPI, ACCOUNT), WechatDay.of(clock.instant()));
        assertThat(usage.calls()).as("both getticket calls counted").isEqualTo(2);
        assertThat(usage.errors()).isEqualTo(1);
    }

    @Test
    void aReportOfTheCurrentTicketReplacesItAndALateOneDoesNot() {
        Ticket bad = tickets.getTicket().current(ACCOUNT, TicketType.JSAPI);

        Ticket replaced = tickets.reportInvalidTicket()
                .reportInvalid(new InvalidTicketReport(ACCOUNT, TicketType.JSAPI, bad.value(), "orders"));
        Ticket late = tickets.reportInvalidTicket()
                .reportInvalid(new InvalidTicketReport(ACCOUNT, TicketType.JSAPI, bad.value(), "billing"));

        assertThat(replaced.value()).isNotEqualTo(bad.value());
        assertThat(late.value()).isEqualTo(replaced.value());
        assertThat(ticketCallsToday()).isEqualTo(2);
    }

    @Test
    void aReportedTicketWechatKeepsIssuingIsAnsweredAfterOneCall() {
        Ticket bad = tickets.getTicket().current(ACCOUNT, TicketType.JSAPI);
        ticketSource.fixed = bad.value();

        Ticket again = tickets.reportInvalidTicket()
                .reportInvalid(new InvalidTicketReport(ACCOUNT, TicketType.JSAPI, bad.value(), "orders"));

        assertThat(again.value()).isEqualTo(bad.value());
        assertThat(ticketCallsToday())
                .as("no forced refresh exists: one call, then the answer")
                .isEqualTo(2);
    }

    @Test
    void aMiniProgramHasNoTicketsAndAnUnknownAppIsUnknown() {
        assertThatExceptionOfType(NotAnOfficialAccountException.class)
                .isThrownBy(() -> tickets.getTicket().current(MINI, TicketType.JSAPI))
                .withMessageContaining(MINI.value());
        assertThatExceptionOfType(UnknownAppException.class)
                .isThrownBy(() -> tickets.getTicket().current(AppId.of("wx0000000000000fff"), TicketType.JSAPI));
        assertThat(ticketSource.tokensUsed).isEmpty();
    }

    @Test
    void refreshAheadKeepsWarmOnlyTicketsThatWereAskedFor() throws Exception {
        tickets.getTicket().current(ACCOUNT, TicketType.JSAPI);
        assertThat(tickets.refreshTicketsAheadOfExpiry().refreshDue()).isZero();

        clock.advance(Duration.ofHours(2).minus(settings.refreshMargin()));
        assertThat(tickets.refreshTicketsAheadOfExpiry().refreshDue())
                .as("the jsapi ticket only")
                .isEqualTo(1);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (tickets.viewTicketStatus()
                                .of(ACCOUNT, TicketType.JSAPI)
                                .ticket()
                                .get()
                                .version()
                        < 2
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(ticketCallsToday()).isEqualTo(2);
        TicketStatus status = tickets.viewTicketStatus().of(ACCOUNT, TicketType.JSAPI);
        assertThat(status.ticket()).isPresent();
        assertThat(status.ticket().get().version()).isEqualTo(2);
        assertThat(tickets.viewTicketStatus().of(ACCOUNT, TicketType.WX_CARD).ticket())
                .isEmpty();
        assertThat(tickets.viewTicketStatus().all()).hasSize(2);
    }
}
