package dev.wxgate.token;

import dev.wxgate.application.token.TicketStatus;
import dev.wxgate.application.token.TokenStatus;
import dev.wxgate.application.token.ViewTicketStatus;
import dev.wxgate.application.token.ViewTokenStatus;
import dev.wxgate.bootstrap.WxgateApplication;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.TicketType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.redisson.api.RedissonClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** One wxgate node: the whole application in its own Spring context on a random port, called over HTTP. */
final class WxgateNode implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final String clientKey;
    final URI baseUrl;

    WxgateNode(Map<String, Object> properties, String clientKey) {
        this(properties, clientKey, new Class<?>[0]);
    }

    /** A node with extra configuration classes (beans a test adds, e.g. Redisson settings). */
    WxgateNode(Map<String, Object> properties, String clientKey, Class<?>... extraConfiguration) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("server.address", "127.0.0.1");
        all.put("server.shutdown", "immediate");
        all.putAll(properties);
        // As command-line arguments: they outrank application.yml, as an operator's would.
        String[] arguments = all.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        Class<?>[] sources = new Class<?>[extraConfiguration.length + 1];
        sources[0] = WxgateApplication.class;
        System.arraycopy(extraConfiguration, 0, sources, 1, extraConfiguration.length);
        this.context = new SpringApplicationBuilder(sources).profiles("test").run(arguments);
        this.clientKey = clientKey;
        this.baseUrl =
                URI.create("http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    Http.Answer token(String appId) {
        return Http.send("GET", baseUrl.resolve("/internal/v1/apps/" + appId + "/access-token"), clientKey, null);
    }

    Http.Answer reportInvalid(String appId, String accessToken) {
        return Http.send(
                "POST",
                baseUrl.resolve("/internal/v1/apps/" + appId + "/access-token/invalid"),
                clientKey,
                Http.json("accessToken", accessToken));
    }

    Http.Answer ticket(String appId, String type) {
        return Http.send("GET", baseUrl.resolve("/internal/v1/apps/" + appId + "/tickets/" + type), clientKey, null);
    }

    Http.Answer reportInvalidTicket(String appId, String type, String ticket) {
        return Http.send(
                "POST",
                baseUrl.resolve("/internal/v1/apps/" + appId + "/tickets/" + type + "/invalid"),
                clientKey,
                Http.json("ticket", ticket));
    }

    TicketStatus ticketStatus(String appId, TicketType type) {
        return context.getBean(ViewTicketStatus.class).of(AppId.of(appId), type);
    }

    TokenStatus status(String appId) {
        return context.getBean(ViewTokenStatus.class).of(AppId.of(appId));
    }

    /** One of the node's beans, to look at its state. */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Dies as a crashed process would: its Redis connection goes first, so nothing it holds is released. */
    void kill() {
        context.getBean(RedissonClient.class).shutdown();
        context.close();
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
