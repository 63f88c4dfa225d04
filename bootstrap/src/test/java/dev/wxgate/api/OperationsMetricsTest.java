package dev.wxgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.api.ApiClient.Answer;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.callback.CallbackSignature;
import dev.wxgate.domain.session.SessionRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations metrics end to end over HTTP, against the embedded sandbox: logins, sessions, callbacks and
 * introspections move their meters on {@code /actuator/prometheus}, which answers only with the scraper's key (the
 * test profile's), and every metric the shipped alert rules use is there.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.login.per-client-ip=100000",
            "wxgate.clients[0].id=metrics-backend",
            // SHA-256 of "orders-introspect-key-0123456789abcdef"
            "wxgate.clients[0].key-sha256=6503987a0a953391f7d7d577644496a3c94ce78273a97b16ccc3f9e7dd5c3113",
            "wxgate.clients[0].apps=*"
        })
@ActiveProfiles("test")
class OperationsMetricsTest {
    /** The test profile's scraper key (application-test.yml has its SHA-256). */
    static final String METRICS_KEY = "wxgate-test-metrics-key";

    static final String CLIENT_KEY = "orders-introspect-key-0123456789abcdef";
    static final String CALLBACK_TOKEN = "wxgatesandbox";
    private static final String MP = ApiClient.MINI_PROGRAM;
    private static final String OA = ApiClient.OFFICIAL_ACCOUNT;

    @LocalServerPort
    int port;

    @Autowired
    SessionRepository sessions;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        api.send("DELETE", "/_sandbox/faults", null, null, null);
    }

    @Test
    void prometheusAnswersOnlyTheScrapersKeyAndHealthStaysPublic() {
        Answer none = api.get("/actuator/prometheus", null);
        Answer wrong = api.get("/actuator/prometheus", "not-the-key");
        Answer right = api.get("/actuator/prometheus", METRICS_KEY);

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.text("error")).isEqualTo("unauthenticated");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"wxgate-metrics\"");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("jvm_", "wxgate_");
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.body()).contains("jvm_memory_used_bytes");
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void aLoginCountsItsOutcomeAndTimesWechat() {
        String before = scrape();

        assertThat(api.logIn("oMetricsOk").status()).isEqualTo(200);
        Answer bad = api.post("/api/v1/login", null, Map.of("code", "no-such-code-0123456789"));
        assertThat(bad.status()).isEqualTo(400);
        Answer unknown = api.post(
                "/api/v1/login", null, Map.of("appId", "wx00000000000000ff", "code", api.loginCode("oMetricsX")));
        assertThat(unknown.status()).isIn(400, 404);

        String after = scrape();
        assertThat(delta(before, after, "wxgate_logins_total", "app", MP, "outcome", "success"))
                .isEqualTo(1);
        assertThat(delta(before, after, "wxgate_logins_total", "app", MP, "outcome", "invalid_code"))
                .isEqualTo(1);
        assertThat(delta(before, after, "wxgate_logins_total", "app", "unknown", "outcome", "unknown_app"))
                .as("an id wxgate does not serve never becomes a tag")
                .isEqualTo(1);
        assertThat(after).doesNotContain("wx00000000000000ff");
        assertThat(delta(before, after, "wxgate_login_upstream_seconds_count", "app", MP, "outcome", "success"))
                .isEqualTo(1);
        assertThat(delta(before, after, "wxgate_login_upstream_seconds_count", "app", MP, "outcome", "invalid_code"))
                .isEqualTo(1);
    }

    @Test
    void sessionsOpenedRevokedAndActiveMove() {
        double baseline = settledActive();
        String before = scrape();

        String first = api.logIn("oMetricsA").text("token");
        String second = api.logIn("oMetricsB").text("token");
        assertThat(first).isNotBlank();
        assertThat(second).isNotBlank();
        awaitActive(baseline + 2);
        assertThat(api.post("/api/v1/logout", first, Map.of()).status()).isEqualTo(204);
        awaitActive(baseline + 1);

        String after = scrape();
        assertThat(delta(before, after, "wxgate_sessions_opened_total", "app", MP))
                .isEqualTo(2);
        assertThat(delta(before, after, "wxgate_sessions_revoked_total", "app", MP, "reason", "logout"))
                .isEqualTo(1);
        assertThat(api.post("/api/v1/logout", first, Map.of()).status())
                .as("a token that no longer opens a session")
                .isEqualTo(401);
        assertThat(delta(after, scrape(), "wxgate_sessions_revoked_total", "app", MP, "reason", "logout"))
                .isZero();
    }

    @Test
    void introspectionsAreCountedByClientAndWhetherActive() {
        String token = api.logIn("oMetricsIntrospected").text("token");
        String before = scrape();

        assertThat(introspect(token).body()).contains("\"active\":true");
        assertThat(introspect("no-such-token").body()).isEqualTo("{\"active\":false}");
        assertThat(introspect("another-unknown-token").body()).isEqualTo("{\"active\":false}");

        String after = scrape();
        assertThat(delta(before, after, "wxgate_introspections_total", "client", "metrics-backend", "active", "true"))
                .isEqualTo(1);
        assertThat(delta(before, after, "wxgate_introspections_total", "client", "metrics-backend", "active", "false"))
                .isEqualTo(2);
        assertThat(after).doesNotContain(token);
    }

    @Test
    void callbacksAreCountedByOutcome() {
        String before = scrape();

        assertThat(plaintextPush(OA, true).status()).isEqualTo(200);
        assertThat(plaintextPush(OA, false).status()).isEqualTo(403);

        String after = scrape();
        assertThat(delta(before, after, "wxgate_callbacks_total", "app", OA, "outcome", "accepted"))
                .isEqualTo(1);
        assertThat(delta(before, after, "wxgate_callbacks_total", "app", OA, "outcome", "bad_signature"))
                .isEqualTo(1);
        assertThat(after)
                .containsPattern("wxgate_callbacks_total\\{app=\"" + OA
                        + "\",mode=\"(plaintext|compatible|safe)\",outcome=\"accepted\"}");
    }

    @Test
    void everyMetricTheAlertRulesUseIsScraped() throws Exception {
        // Activity, so that counters and timers that appear on first use are there.
        assertThat(api.logIn("oMetricsRules").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/login", null, Map.of("code", "no-such-code-rules"))
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/internal/v1/apps/" + MP + "/access-token", CLIENT_KEY)
                        .status())
                .isEqualTo(200);
        assertThat(plaintextPush(OA, false).status()).isEqualTo(403);
        String scraped = scrape();
        Set<String> samples = new TreeSet<>();
        for (String line : scraped.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                samples.add(line.split("[{ ]", 2)[0]);
            }
        }

        List<String> missing = new ArrayList<>();
        int rules = 0;
        for (Map<String, Object> rule : rules(alertRules())) {
            rules++;
            String expr = (String) rule.get("expr");
            Set<String> named = metricNames(expr);
            assertThat(named)
                    .as("rule %s names a wxgate metric", rule.get("alert"))
                    .isNotEmpty();
            for (String name : named) {
                if (!samples.contains(name)) {
                    missing.add(rule.get("alert") + ": " + name);
                }
            }
        }
        assertThat(rules).isGreaterThanOrEqualTo(7);
        assertThat(missing)
                .as("metrics the alert rules use but the scrape lacks")
                .isEmpty();
    }

    /** The metric names an expression uses: wxgate's, with Prometheus's suffixes, never a label or a function. */
    static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\bwxgate_[a-z0-9_]+\\b").matcher(expr);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    private static Path alertRules() {
        // Surefire runs in the module's directory; an IDE may run in the repository's.
        for (Path candidate :
                List.of(Path.of("../docs/alerts/wxgate-rules.yml"), Path.of("docs/alerts/wxgate-rules.yml"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(
                "docs/alerts/wxgate-rules.yml not found from " + Path.of("").toAbsolutePath());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules(Path file) throws Exception {
        Map<String, Object> document = new Yaml().load(Files.readString(file));
        List<Map<String, Object>> all = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) document.get("groups")) {
            all.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return all;
    }

    private Answer introspect(String token) {
        return api.send(
                "POST",
                "/internal/v1/sessions/introspect",
                CLIENT_KEY,
                "application/x-www-form-urlencoded",
                "token=" + token + "&token_type_hint=access_token");
    }

    /** A plaintext text message, signed with the sandbox's callback token, or with a wrong signature. */
    private Answer plaintextPush(String appId, boolean signed) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = Long.toString(System.nanoTime());
        String signature = signed ? CallbackSignature.of(CALLBACK_TOKEN, timestamp, nonce) : "0".repeat(40);
        String body = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>"
                + "<FromUserName><![CDATA[oMetricsPusher]]></FromUserName><CreateTime>" + timestamp + "</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content>"
                + "<MsgId>" + nonce + "</MsgId></xml>";
        return api.send(
                "POST",
                "/wx/callback/" + appId + "?signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce,
                null,
                "text/xml",
                body);
    }

    private String scrape() {
        Answer scrape = api.get("/actuator/prometheus", METRICS_KEY);
        assertThat(scrape.status()).isEqualTo(200);
        return scrape.body();
    }

    /** The gauge once it agrees with the store (it is read at most every few seconds). */
    private double settledActive() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() ->
                        active() == sessions.findActive(PageRequest.of(0, 1)).total());
        return active();
    }

    private void awaitActive(double expected) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> active() == expected);
    }

    private double active() {
        return sample(scrape(), "wxgate_sessions_active");
    }

    private static double delta(String before, String after, String name, String... labels) {
        return sample(after, name, labels) - sample(before, name, labels);
    }

    /** The sum of the samples named {@code name} that carry every label given (pairs); 0 when there is none. */
    static double sample(String scrape, String name, String... labels) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (!(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
