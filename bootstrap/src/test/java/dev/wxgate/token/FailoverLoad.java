package dev.wxgate.token;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Load on wxgate nodes while Redis fails over: {@code /api/v1/me} with sessions made before, access_token reads and
 * new logins, on every node at once. Every answer is kept (kind, node, time, status, error code), a {@code /me} that
 * names another user than the session's is counted apart, and every access_token value is kept with when it was
 * first seen.
 */
final class FailoverLoad implements AutoCloseable {
    enum Kind {
        ME,
        TOKEN,
        LOGIN
    }

    /** One answer; {@code error} is the JSON error code, or the exception when no HTTP answer came. */
    record Outcome(Kind kind, int node, long atMillis, int status, String error) {
        boolean ok() {
            return status == 200;
        }

        boolean storeUnavailable() {
            return status == 503 && "store_unavailable".equals(error);
        }
    }

    /** A session a login made: whose, on which node, when its answer arrived. */
    record Login(String openid, String session, int node, long atMillis) {}

    private final List<WxgateNode> nodes;
    private final URI sandbox;
    private final String appId;
    private final List<Login> existing;
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Queue<Login> logins = new ConcurrentLinkedQueue<>();
    private final Queue<String> wrongUsers = new ConcurrentLinkedQueue<>();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> tokensFirstSeen = new ConcurrentHashMap<>();
    private final AtomicLong newUsers = new AtomicLong();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;

    /** Load on {@code nodes}, whose sessions {@code existing} were made before; logins take codes from the sandbox. */
    FailoverLoad(List<WxgateNode> nodes, URI sandbox, String appId, List<Login> existing) {
        this.nodes = List.copyOf(nodes);
        this.sandbox = sandbox;
        this.appId = appId;
        this.existing = List.copyOf(existing);
    }

    /** Starts, on every node, this many loops of each kind; each loop sends its next request when one is answered. */
    void start(int meLoops, int tokenLoops, int loginLoops) {
        running = true;
        for (int node = 0; node < nodes.size(); node++) {
            int index = node;
            for (int i = 0; i < meLoops; i++) {
                threads.submit(() -> loop(() -> me(index)));
            }
            for (int i = 0; i < tokenLoops; i++) {
                threads.submit(() -> loop(() -> token(index)));
            }
            for (int i = 0; i < loginLoops; i++) {
                threads.submit(() -> loop(() -> login(index)));
            }
        }
    }

    /** Stops every loop and waits for their last requests. */
    @Override
    public void close() {
        running = false;
        threads.close();
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** The sessions the load's own logins made. */
    List<Login> logins() {
        return List.copyOf(logins);
    }

    /** {@code /me} answers that named another user than the session's. */
    List<String> wrongUsers() {
        return List.copyOf(wrongUsers);
    }

    /** Answers neither 200 nor 503 {@code store_unavailable}, with their bodies (the first 20). */
    List<String> unexpected() {
        return unexpected.stream().limit(20).toList();
    }

    /** Every access_token value served, with when it was first seen. */
    Map<String, Long> tokensFirstSeen() {
        return Map.copyOf(tokensFirstSeen);
    }

    /** Answers by kind, then by "status error", e.g. {@code {ME={200=1234, 503 store_unavailable=56}}}. */
    Map<Kind, Map<String, Long>> tally() {
        return outcomes.stream()
                .collect(Collectors.groupingBy(
                        Outcome::kind,
                        Collectors.groupingBy(
                                o -> o.ok() ? "200" : o.status() + " " + o.error(), Collectors.counting())));
    }

    /** Answers of {@code kind} since {@code fromMillis} (all kinds when null). */
    long count(Kind kind, long fromMillis) {
        return outcomes.stream()
                .filter(o -> kind == null || o.kind() == kind)
                .filter(o -> o.atMillis() >= fromMillis)
                .count();
    }

    /** Logs {@code openid} in on node {@code node}: a code from the sandbox, then wxgate's login. */
    static Http.Answer logIn(WxgateNode node, URI sandbox, String appId, String openid) {
        Http.Answer code = Http.send(
                "POST", sandbox.resolve("/_sandbox/apps/" + appId + "/users/" + openid + "/login-code"), null, null);
        if (code.status() != 201) {
            throw new IllegalStateException("the sandbox gave no login code: " + code.body());
        }
        return Http.send(
                "POST",
                node.baseUrl.resolve("/api/v1/login"),
                null,
                "{\"appId\":\"" + appId + "\",\"code\":\"" + code.text("code") + "\"}");
    }

    private void loop(Runnable request) {
        while (running) {
            request.run();
        }
    }

    private void me(int node) {
        Login session = existing.get(ThreadLocalRandom.current().nextInt(existing.size()));
        Http.Answer answer = record(
                Kind.ME,
                node,
                () -> Http.send("GET", nodes.get(node).baseUrl.resolve("/api/v1/me"), session.session(), null));
        if (answer != null && answer.status() == 200 && !session.openid().equals(answer.text("openid"))) {
            wrongUsers.add("session of " + session.openid() + " answered as " + answer.text("openid"));
        }
    }

    private void token(int node) {
        record(Kind.TOKEN, node, () -> nodes.get(node).token(appId));
    }

    private void login(int node) {
        String openid = "oFailover" + newUsers.incrementAndGet() + "x"
                + UUID.randomUUID().toString().substring(0, 8);
        Http.Answer answer = record(Kind.LOGIN, node, () -> logIn(nodes.get(node), sandbox, appId, openid));
        if (answer != null && answer.status() == 200) {
            logins.add(new Login(openid, answer.text("token"), node, answer.arrivedAtMillis()));
        }
    }

    /** Sends and keeps one request's outcome; the answer, or null when none came. */
    private Http.Answer record(Kind kind, int node, Supplier<Http.Answer> call) {
        Outcome outcome;
        Http.Answer answer = null;
        try {
            answer = call.get();
            outcome = new Outcome(kind, node, answer.arrivedAtMillis(), answer.status(), answer.text("error"));
        } catch (RuntimeException failed) {
            outcome = new Outcome(kind, node, System.currentTimeMillis(), -1, failed.toString());
        }
        outcomes.add(outcome);
        if (!outcome.ok() && !outcome.storeUnavailable()) {
            unexpected.add(kind + " on node " + node + ": " + outcome.status() + " "
                    + (answer == null ? outcome.error() : answer.body()));
        }
        if (outcome.ok() && kind == Kind.TOKEN) {
            tokensFirstSeen.putIfAbsent(answer.text("accessToken"), outcome.atMillis());
        }
        return answer;
    }
}
