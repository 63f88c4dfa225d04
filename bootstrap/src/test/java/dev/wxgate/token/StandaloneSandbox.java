package dev.wxgate.token;

import dev.wxgate.sandbox.WechatSandboxConfiguration;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The WeChat sandbox as its own server on a random port, as a team runs it beside a wxgate cluster. Started with only
 * the web stack (not the rest of wxgate's classpath) and no configuration files, and driven over HTTP only. Public
 * for the deployment test ({@code dev.wxgate.cluster.DeployTopologyTest}), whose wxgate processes share it.
 */
public final class StandaloneSandbox implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    public final URI baseUrl;

    @SpringBootConfiguration
    @Import(WechatSandboxConfiguration.class)
    @ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class
    })
    static class Server {}

    /** A sandbox serving {@code apps}: app id → {type, token-expires-in, secret}, as wxgate.sandbox.apps[N] takes. */
    public StandaloneSandbox(Map<String, Object> appProperties) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.config.name", "wxgate-test-standalone-sandbox");
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.threads.virtual.enabled", "true");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.dev.wxgate.sandbox", "WARN");
        properties.putAll(appProperties);
        context = new SpringApplicationBuilder(Server.class)
                .properties(properties)
                .run();
        baseUrl = URI.create("http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** Calls the sandbox counted on {@code path} ("/cgi-bin/token") for {@code appId}. */
    long calls(String appId, String path) {
        return Http.send("GET", baseUrl.resolve("/_sandbox/stats"), null, null)
                .json()
                .path("apps")
                .path(appId)
                .path(path)
                .asLong(0);
    }

    void fault(String path, String json) {
        Http.Answer answer = Http.send("PUT", baseUrl.resolve("/_sandbox/faults" + path), null, json);
        if (answer.status() != 200) {
            throw new IllegalStateException("sandbox refused the fault: " + answer.body());
        }
    }

    void clearFaults() {
        Http.send("DELETE", baseUrl.resolve("/_sandbox/faults"), null, null);
    }

    /**
     * Whether WeChat (the sandbox) accepts {@code accessToken} now: a call that needs a token, with a code that cannot
     * exist, answers "invalid code" (40029) only once the token passed.
     */
    boolean accepts(String accessToken) {
        Http.Answer answer = Http.send(
                "POST",
                baseUrl.resolve("/wxa/business/getuserphonenumber?access_token=" + accessToken),
                null,
                Http.json("code", "no-such-code"));
        return answer.json().path("errcode").asInt() == 40029;
    }

    @Override
    public void close() {
        context.close();
    }
}
