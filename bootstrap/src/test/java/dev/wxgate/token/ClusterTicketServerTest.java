package dev.wxgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.application.token.TicketStatus;
import dev.wxgate.application.token.TokenStatus;
import dev.wxgate.domain.token.TicketType;
import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisFixture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JS-SDK tickets in a cluster: two wxgate nodes on one Redis, in front of the standalone WeChat sandbox, which counts
 * every getticket call. Each scenario uses an official account of its own, so counts never leak between them.
 */
class ClusterTicketServerTest {
    private static final String CLIENT_KEY = "cluster-ticket-key-" + UUID.randomUUID();
    private static final String GETTICKET = "/cgi-bin/ticket/getticket";
    private static final String STABLE_PATH = "/cgi-bin/stable_token";

    /** Classic tokens, and so tickets, living 6 s: the expiry happens within the test. */
    private static final String EXPIRING = "wx0000000000e0a001";
    /** Stable tokens living two hours. */
    private static final String DEAD_TOKEN = "wx0000000000e0b001";
    /** Classic tokens living two hours. */
    private static final String REPORTED = "wx0000000000e0c001";

    private static StandaloneSandbox sandbox;
    private static List<WxgateNode> nodes;

    @BeforeAll
    static void startCluster() {
        Map<String, Object> sandboxApps = new LinkedHashMap<>();
        Map<String, Object> wxgate = new LinkedHashMap<>();
        String[][] apps = {{EXPIRING, "classic", "6"}, {DEAD_TOKEN, "stable", "7200"}, {REPORTED, "classic", "7200"}};
        for (int i = 0; i < apps.length; i++) {
            sandboxApps.put("wxgate.sandbox.apps[" + i + "].app-id", apps[i][0]);
            sandboxApps.put("wxgate.sandbox.apps[" + i + "].secret", secret(apps[i][0]));
            sandboxApps.put("wxgate.sandbox.apps[" + i + "].type", "official-account");
            sandboxApps.put("wxgate.sandbox.apps[" + i + "].token-expires-in", apps[i][2]);
            wxgate.put("wxgate.apps[" + i + "].app-id", apps[i][0]);
            wxgate.put("wxgate.apps[" + i + "].secret", secret(apps[i][0]));
            wxgate.put("wxgate.apps[" + i + "].type", "official-account");
            wxgate.put("wxgate.apps[" + i + "].token-mode", apps[i][1]);
        }
        sandbox = new StandaloneSandbox(sandboxApps);

        RedisFixture redis = RedisFixture.get();
        wxgate.put("wxgate.store", "redis");
        wxgate.put("spring.data.redis.host", redis.host());
        wxgate.put("spring.data.redis.port", Integer.toString(redis.port()));
        wxgate.put("wxgate.redis.key-prefix", redis.keyPrefix() + "tickets-" + UUID.randomUUID() + ":");
        wxgate.put("wxgate.wechat.base-url", sandbox.baseUrl.toString());
        DatabaseFixture database = DatabaseFixture.postgres();
        wxgate.put("spring.datasource.url", database.jdbcUrl());
        wxgate.put("spring.datasource.username", database.username());
        wxgate.put("spring.datasource.password", database.password());
        wxgate.put("wxgate.clients[0].id", "cluster-ticket-test");
        wxgate.put("wxgate.clients[0].key-sha256", sha256(CLIENT_KEY));
        wxgate.put("wxgate.clients[0].apps", "*");
        // Refresh only when a ticket is about to expire, and no scheduler: the readers meet the expiry themselves.
        wxgate.put("wxgate.token.refresh-margin", "0s");
        wxgate.put("wxgate.token.check-interval", "1h");
        nodes = List.of(new WxgateNode(wxgate, CLIENT_KEY), new WxgateNode(wxgate, CLIENT_KEY));
    }

    @AfterAll
    static void stopCluster() {
        if (nodes != null) {
            nodes.forEach(WxgateNode::close);
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static String secret(String appId) {
        return "5ec7e7" + appId.substring(2) + "0000000000";
    }

    @Test
    void threeHundredReadersOnTwoNodesAcrossATicketExpiryCauseOneGetticketCall() throws Exception {
        Http.Answer first = nodes.get(0).ticket(EXPIRING, "jsapi");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String expiring = first.text("ticket");
        TokenStatus.Stored before =
                nodes.get(0).ticketStatus(EXPIRING, TicketType.JSAPI).ticket().orElseThrow();
        long callsBefore = sandbox.calls(EXPIRING, GETTICKET);

        // Released together the moment the ticket stops being handed out (it expires just after).
        List<Http.Answer> answers = concurrently(
                300, before.refreshAt().plusMillis(20), i -> nodes.get(i % 2).ticket(EXPIRING, "jsapi"));

        Set<String> served = new HashSet<>();
        for (Http.Answer answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            served.add(answer.text("ticket"));
        }
        assertThat(served).singleElement().isNotEqualTo(expiring);
        assertThat(sandbox.calls(EXPIRING, GETTICKET) - callsBefore)
                .as("getticket calls for the refresh")
                .isEqualTo(1);
        assertThat(nodes.get(1)
                        .ticketStatus(EXPIRING, TicketType.JSAPI)
                        .ticket()
                        .orElseThrow()
                        .version())
                .isEqualTo(before.version() + 1);
    }

    @Test
    void aGetticketRefusedFor40001ReportsTheTokenOnceAndIsRetriedOnce() {
        String token = nodes.get(0).token(DEAD_TOKEN).text("accessToken");
        // WeChat's side: someone forced a new stable token, which ends the one wxgate holds at once.
        Http.Answer forced = Http.send(
                "POST",
                sandbox.baseUrl.resolve(STABLE_PATH),
                null,
                "{\"grant_type\":\"client_credential\",\"appid\":\"" + DEAD_TOKEN + "\",\"secret\":\""
                        + secret(DEAD_TOKEN) + "\",\"force_refresh\":true}");
        String replacement = forced.text("access_token");
        assertThat(replacement).isNotBlank().isNotEqualTo(token);
        assertThat(sandbox.accepts(token)).isFalse();
        long tokenCalls = sandbox.calls(DEAD_TOKEN, STABLE_PATH);
        long ticketCalls = sandbox.calls(DEAD_TOKEN, GETTICKET);
        // The sandbox counts a call with a token it no longer knows under "unknown": it cannot tell whose it was.
        long unknownTicketCalls = sandbox.calls("unknown", GETTICKET);

        Http.Answer ticket = nodes.get(1).ticket(DEAD_TOKEN, "jsapi");

        assertThat(ticket.status()).as(ticket.body()).isEqualTo(200);
        assertThat(sandbox.calls("unknown", GETTICKET) - unknownTicketCalls)
                .as("the getticket refused for the dead token")
                .isEqualTo(1);
        assertThat(sandbox.calls(DEAD_TOKEN, GETTICKET) - ticketCalls)
                .as("its one retry, with the new token")
                .isEqualTo(1);
        assertThat(sandbox.calls(DEAD_TOKEN, STABLE_PATH) - tokenCalls)
                .as("one access_token refresh")
                .isEqualTo(1);
        assertThat(nodes.get(0).token(DEAD_TOKEN).text("accessToken")).isEqualTo(replacement);
        TicketStatus status = nodes.get(0).ticketStatus(DEAD_TOKEN, TicketType.JSAPI);
        assertThat(status.today().calls()).as("both calls counted").isEqualTo(2);
        assertThat(status.today().errors()).isEqualTo(1);
    }

    @Test
    void aHundredReportsOfOneTicketOnTwoNodesCauseOneRefresh() throws Exception {
        String bad = nodes.get(0).ticket(REPORTED, "wx_card").text("ticket");
        long callsBefore = sandbox.calls(REPORTED, GETTICKET);

        List<Http.Answer> answers =
                concurrently(100, Instant.now(), i -> nodes.get(i % 2).reportInvalidTicket(REPORTED, "wx_card", bad));

        Set<String> served = new HashSet<>();
        for (Http.Answer answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            served.add(answer.text("ticket"));
        }
        assertThat(served).singleElement().isNotEqualTo(bad);
        assertThat(sandbox.calls(REPORTED, GETTICKET) - callsBefore).isEqualTo(1);
        assertThat(nodes.get(1).ticket(REPORTED, "wx_card").text("ticket"))
                .isEqualTo(served.iterator().next());
        assertThat(nodes.get(1).ticket(REPORTED, "jsapi").text("ticket"))
                .isNotEqualTo(served.iterator().next());
    }

    /** Runs {@code calls} callers at once, released together at {@code at}; their results in order. */
    private static <T> List<T> concurrently(int calls, Instant at, IntFunction<T> call) throws Exception {
        CountDownLatch ready = new CountDownLatch(calls);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < calls; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.apply(index);
                }));
            }
            ready.await();
            long wait = at.toEpochMilli() - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait); // the release moment, not a wait for a result
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
