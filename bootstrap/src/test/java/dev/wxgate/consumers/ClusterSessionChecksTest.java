package dev.wxgate.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.bootstrap.WxgateApplication;
import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Introspection and forward auth on a cluster: two wxgate nodes on one Redis. A session ended on one node is refused
 * by the other at once, and a client's introspection limit counts its calls to every node together.
 */
class ClusterSessionChecksTest {
    private static final String KEY = "cluster-introspect-key-0123456789abcdef";
    private static final String KEY_SHA256 = "eb836545509a22e0e701bbabd7bc1031d684cd90c4ea4f07055dfe0e71b8d81d";
    private static final int PER_CLIENT = 6;

    private static final List<ConfigurableApplicationContext> NODES = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startNodes() {
        RedisFixture redis = RedisFixture.get();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("server.shutdown", "immediate");
        properties.put("wxgate.store", "redis");
        properties.put("spring.data.redis.host", redis.host());
        properties.put("spring.data.redis.port", Integer.toString(redis.port()));
        properties.put("wxgate.redis.key-prefix", redis.keyPrefix() + "sessions-" + UUID.randomUUID() + ":");
        // Nodes of one cluster share a database; each logs its users in through its own sandbox (allowed for tests).
        DatabaseFixture database = DatabaseFixture.postgres();
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("wxgate.sandbox.allow-in-cluster", "true");
        properties.put("wxgate.login.per-client-ip", "100000");
        properties.put("wxgate.introspection.per-client", Integer.toString(PER_CLIENT));
        properties.put("wxgate.clients[0].id", "orders");
        properties.put("wxgate.clients[0].key-sha256", KEY_SHA256);
        properties.put("wxgate.clients[0].apps", Wxgate.MINI_PROGRAM);
        String[] arguments = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        for (int i = 0; i < 2; i++) {
            NODES.add(new SpringApplicationBuilder(WxgateApplication.class)
                    .profiles("test")
                    .run(arguments));
        }
    }

    @AfterAll
    static void stopNodes() {
        NODES.forEach(ConfigurableApplicationContext::close);
    }

    private static int port(int node) {
        return Integer.parseInt(NODES.get(node).getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static HttpResponse<String> send(
            int node, String method, String path, Map<String, String> headers, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(node) + path))
                .method(
                        method,
                        form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static HttpResponse<String> introspect(int node, String token) {
        return send(
                node,
                "POST",
                "/internal/v1/sessions/introspect",
                Map.of("Authorization", "Bearer " + KEY),
                "token=" + token);
    }

    private static int forwardAuth(int node, String token) {
        return send(
                        node,
                        "GET",
                        "/internal/v1/forward-auth",
                        Map.of("X-Wxgate-Client-Key", KEY, "Authorization", "Bearer " + token),
                        null)
                .statusCode();
    }

    @Test
    void aSessionEndedOnOneNodeIsRefusedByTheOtherAtOnceAndTheLimitIsShared() {
        Wxgate.LoggedIn user = new Wxgate(port(0)).logIn("oClustered");

        assertThat(introspect(1, user.token()).body()).contains("\"active\":true", "\"openid\":\"oClustered\"");
        assertThat(forwardAuth(1, user.token())).isEqualTo(200);

        new Wxgate(port(0)).logOut(user.token());

        assertThat(introspect(1, user.token()).body()).isEqualTo("{\"active\":false}");
        assertThat(forwardAuth(1, user.token())).isEqualTo(401);

        // Two introspections so far, both on node 1; the rest of the limit is spread over both nodes.
        int allowed = 2;
        int refusedAt = -1;
        for (int call = 0; call < PER_CLIENT && refusedAt < 0; call++) {
            HttpResponse<String> answer = introspect(call % 2, user.token());
            if (answer.statusCode() == 200) {
                allowed++;
            } else {
                assertThat(answer.statusCode()).isEqualTo(429);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                refusedAt = call;
            }
        }
        assertThat(allowed).as("introspections allowed across both nodes").isEqualTo(PER_CLIENT);
        assertThat(forwardAuth(0, user.token()))
                .as("forward auth is not rate-limited")
                .isEqualTo(401);
    }
}
