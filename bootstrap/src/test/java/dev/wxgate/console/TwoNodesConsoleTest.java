package dev.wxgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.application.operator.ManageOperators;
import dev.wxgate.bootstrap.ActivitySampler;
import dev.wxgate.bootstrap.WxgateApplication;
import dev.wxgate.callback.SandboxPushTool;
import dev.wxgate.domain.operator.OperatorRole;
import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisFixture;
import dev.wxgate.testfixtures.TcpProxy;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 17's console across a cluster: two nodes in redis mode on one PostgreSQL schema share console sessions
 * (signed in on one, signed in on the other; signed out everywhere; a new password ends the operator's sessions on
 * every node; a lock holds on every node) and the Callbacks page (a callback received by one shows on the other).
 */
class TwoNodesConsoleTest {
    static final String ADMIN_PASSWORD = "two-nodes-admin-password-1";
    static final String VIEWER_PASSWORD = "two-nodes-viewer-password-1";

    private static final String SCHEMA =
            "console_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final String PREFIX = RedisFixture.get().freshPrefix();

    private static List<String> arguments;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static int portA;
    private static int portB;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        DatabaseFixture postgres = DatabaseFixture.postgres();
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + SCHEMA);
        }
        String url = postgres.jdbcUrl() + (postgres.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
        RedisFixture redis = RedisFixture.get();
        arguments = List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--server.shutdown=immediate",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + (postgres.password() == null ? "" : postgres.password()),
                "--wxgate.store=redis",
                "--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port(),
                "--wxgate.redis.key-prefix=" + PREFIX,
                "--wxgate.sandbox.allow-in-cluster=true",
                "--wxgate.console.max-failed-logins=3",
                "--WXGATE_ADMIN_PASSWORD=" + ADMIN_PASSWORD);
        a = start(arguments);
        b = start(arguments);
        portA = port(a);
        portB = port(b);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
        try (Connection connection = DatabaseFixture.postgres().connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static ConfigurableApplicationContext start(List<String> arguments) {
        return new SpringApplicationBuilder(WxgateApplication.class)
                .profiles("test")
                .run(arguments.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static void addViewer(String username) {
        a.getBean(ManageOperators.class).add("admin", username, OperatorRole.VIEWER, VIEWER_PASSWORD);
    }

    /** How many keys Redis holds under {@code pattern}. */
    private static long keys(String pattern) {
        String reply = RedisFixture.get().command("EVAL", "return #redis.call('keys', ARGV[1])", "0", pattern);
        return Long.parseLong(reply.substring(1));
    }

    @Test
    void theActivityPageOfEitherNodeSumsBothNodesCounts() throws Exception {
        // Each node counts its own deliveries in its own registry; its sampler adds them to the shared history.
        a.getBean(MeterRegistry.class)
                .counter("wxgate.pushes.delivered", "app", "wxa1b2c3d4e5f60002", "sink", "webhook")
                .increment(3);
        b.getBean(MeterRegistry.class)
                .counter("wxgate.pushes.delivered", "app", "wxa1b2c3d4e5f60002", "sink", "webhook")
                .increment(4);
        a.getBean(ActivitySampler.class).sample();
        b.getBean(ActivitySampler.class).sample();

        for (int port : new int[] {portA, portB}) {
            ConsoleHttpClient browser = new ConsoleHttpClient();
            browser.get(port, "/console/login");
            browser.post(port, "/console/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));
            ConsoleHttpClient.Page activity = browser.get(port, "/console/activity");

            assertThat(activity.status()).isEqualTo(200);
            assertThat(activity.body()).containsPattern("id=\"chart-pushes-delivered\"[^>]*data-total=\"7\"");
        }
    }

    @Test
    void signedInOnOneNodeIsSignedInOnTheOtherAndSignedOutOnBoth() throws Exception {
        ConsoleHttpClient browser = new ConsoleHttpClient();
        browser.get(portA, "/console/login");
        String beforeSignIn = browser.session().orElseThrow();

        ConsoleHttpClient.Page signedIn =
                browser.post(portA, "/console/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));

        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.redirect()).isEqualTo("/console");
        assertThat(browser.session())
                .as("a new session id at sign-in")
                .isPresent()
                .isNotEqualTo(beforeSignIn);
        String cookie = signedIn.setCookies().stream()
                .filter(value -> value.startsWith(ConsoleHttpClient.COOKIE + "="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie).contains("Path=/console", "HttpOnly", "SameSite=Lax").doesNotContain("Secure");

        ConsoleHttpClient.Page onB = browser.get(portB, "/console");
        assertThat(onB.status()).as("node B knows the session node A opened").isEqualTo(200);
        assertThat(onB.body()).contains("id=\"logout\"");
        assertThat(browser.get(portB, "/console/operators").status()).isEqualTo(200);

        ConsoleHttpClient.Page signedOut = browser.post(portB, "/console/logout", Map.of());
        assertThat(signedOut.status()).isEqualTo(302);
        assertThat(signedOut.redirect()).isEqualTo("/console/login?logout");

        ConsoleHttpClient.Page onA = browser.get(portA, "/console");
        assertThat(onA.status()).isEqualTo(302);
        assertThat(onA.redirect()).isEqualTo("/console/login");
    }

    @Test
    void aSessionIsOneHashUnderTheClusterPrefixWithTheIdleTimeoutAndNoSecret() throws Exception {
        ConsoleHttpClient browser = new ConsoleHttpClient();
        assertThat(browser.signIn(portB, "admin", ADMIN_PASSWORD).redirect()).isEqualTo("/console");
        String key = PREFIX + "console:sessions:"
                + new String(
                        java.util.Base64.getDecoder().decode(browser.session().orElseThrow()));

        assertThat(RedisFixture.get().command("TYPE", key)).isEqualTo("+hash");
        long ttl = Long.parseLong(RedisFixture.get().command("TTL", key).substring(1));
        assertThat(ttl).as("the console's idle timeout, 30 min").isBetween(25L * 60, 30L * 60 + 300);
        String secretIn = "for _, v in ipairs(redis.call('hvals', KEYS[1])) do"
                + " if string.find(v, ARGV[1], 1, true) then return 1 end end return 0";
        assertThat(RedisFixture.get().command("EVAL", secretIn, "1", key, ADMIN_PASSWORD))
                .as("the password is not in the session")
                .isEqualTo(":0");
        assertThat(RedisFixture.get().command("EVAL", secretIn, "1", key, "$2a$"))
                .as("nor its hash")
                .isEqualTo(":0");
        assertThat(keys("spring:session:*")).as("nothing outside the prefix").isZero();
    }

    @Test
    void aNewPasswordSetOnOneNodeEndsTheOperatorsSessionOnEveryNode() throws Exception {
        addViewer("watcher");
        ConsoleHttpClient viewer = new ConsoleHttpClient();
        assertThat(viewer.signIn(portA, "watcher", VIEWER_PASSWORD).redirect()).isEqualTo("/console");
        assertThat(viewer.get(portB, "/console").status()).isEqualTo(200);

        ConsoleHttpClient admin = new ConsoleHttpClient();
        assertThat(admin.signIn(portB, "admin", ADMIN_PASSWORD).redirect()).isEqualTo("/console");
        admin.get(portB, "/console/operators");
        ConsoleHttpClient.Page set =
                admin.post(portB, "/console/operators/watcher/password", Map.of("password", "a-brand-new-password-2"));
        assertThat(set.redirect()).isEqualTo("/console/operators");

        ConsoleHttpClient.Page onB = viewer.get(portB, "/console");
        assertThat(onB.status()).isEqualTo(302);
        assertThat(onB.redirect()).isEqualTo("/console/login?ended");
        ConsoleHttpClient.Page onA = viewer.get(portA, "/console");
        assertThat(onA.status()).isEqualTo(302);
        assertThat(onA.redirect()).startsWith("/console/login");
        assertThat(admin.get(portA, "/console").status())
                .as("the admin's own session goes on")
                .isEqualTo(200);
    }

    @Test
    void anOperatorLockedOnOneNodeIsLockedOnTheOther() throws Exception {
        addViewer("guessed");
        ConsoleHttpClient attacker = new ConsoleHttpClient();
        for (int i = 0; i < 3; i++) {
            assertThat(attacker.signIn(portA, "guessed", "wrong-password-" + i).redirect())
                    .isEqualTo("/console/login?error");
        }

        ConsoleHttpClient owner = new ConsoleHttpClient();
        assertThat(owner.signIn(portB, "guessed", VIEWER_PASSWORD).redirect())
                .as("locked on node B too")
                .isEqualTo("/console/login?error");
        assertThat(owner.get(portB, "/console").redirect()).isEqualTo("/console/login");
    }

    @Test
    void aCallbackReceivedByOneNodeShowsOnTheOthersCallbacksPage() throws Exception {
        String sender = "oTwoNodes" + UUID.randomUUID().toString().substring(0, 8);
        var report = SandboxPushTool.push(portA, "plaintext", "xml", sender, "hello", System.nanoTime(), 1);
        assertThat(report.path("status").asInt()).as(report.toString()).isEqualTo(200);

        ConsoleHttpClient admin = new ConsoleHttpClient();
        admin.get(portA, "/console/login");
        ConsoleHttpClient.Page signedIn =
                admin.post(portB, "/console/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));
        assertThat(signedIn.redirect())
                .as("the CSRF token of node A's sign-in page holds on node B")
                .isEqualTo("/console");
        ConsoleHttpClient.Page callbacks = admin.get(portB, "/console/callbacks");

        assertThat(callbacks.status()).isEqualTo(200);
        assertThat(callbacks.body()).contains(sender);
        assertThat(keys(PREFIX + "{wxgate:callbacks}:log")).isEqualTo(1);
    }

    @Test
    void aConsoleWhoseRedisCannotBeReachedAnswersAPageNotA500() throws Exception {
        RedisFixture redis = RedisFixture.get();
        try (TcpProxy proxy = new TcpProxy(redis.host(), redis.port())) {
            List<String> throughProxy = new ArrayList<>(arguments);
            throughProxy.replaceAll(argument -> argument.startsWith("--spring.data.redis.port=")
                    ? "--spring.data.redis.port=" + proxy.port()
                    : argument);
            try (ConfigurableApplicationContext c = start(throughProxy)) {
                int portC = port(c);
                ConsoleHttpClient admin = new ConsoleHttpClient();
                assertThat(admin.signIn(portC, "admin", ADMIN_PASSWORD).redirect())
                        .isEqualTo("/console");
                SandboxPushTool.push(portC, "plaintext", "xml", "oCutOff", "hello", System.nanoTime(), 1);

                proxy.cut();
                ConsoleHttpClient.Page signedIn = admin.get(portC, "/console/callbacks");
                ConsoleHttpClient.Page anonymous = new ConsoleHttpClient().get(portC, "/console/login");
                var report = SandboxPushTool.push(portC, "plaintext", "xml", "oCutOff", "again", System.nanoTime(), 1);

                assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(503);
                assertThat(signedIn.body()).contains("session store (Redis)");
                assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(503);
                assertThat(report.path("status").asInt()).as(report.toString()).isNotEqualTo(500);
            }
        }
    }
}
