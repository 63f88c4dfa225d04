package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The embedded default with the built-in sandbox: its control API answers this host only, its push tool sends to
 * wxgate's own callback URLs only, WeChat's emulated endpoints stay open, and every console page says that WeChat
 * is the sandbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class SandboxGuardsTest {
    static final String MINI = "wxa1b2c3d4e5f60001";
    static final String MINI_SECRET = "5a4d0b0c1e2f3a4b5c6d7e8f90a10001";
    static final String OFFICIAL = "wxa1b2c3d4e5f60002";

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void theControlApiRefusesAnotherHostButWechatsEndpointsAnswerIt() throws Exception {
        for (String path : List.of("/_sandbox/reset", "/_sandbox/clock/advance", "/_sandbox/apps/" + MINI + "/push")) {
            mvc.perform(post(path)
                            .with(from("198.51.100.20"))
                            .contentType("application/json")
                            .content("{}"))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.error").value(Matchers.containsString("wxgate.sandbox.control-from")));
        }
        mvc.perform(get("/_sandbox/stats").with(from("198.51.100.20"))).andExpect(status().isForbidden());
        mvc.perform(get("/_sandbox/stats").with(from("127.0.0.1"))).andExpect(status().isOk());
        mvc.perform(get("/_sandbox/wechat/cgi-bin/token")
                        .with(from("198.51.100.20"))
                        .param("grant_type", "client_credential")
                        .param("appid", MINI)
                        .param("secret", MINI_SECRET))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.access_token").isString());
    }

    @Test
    void thePushToolFetchesNeitherAnotherLocalPortNorAnotherPathOfWxgate() throws Exception {
        try (CountingListener listener = new CountingListener()) {
            for (String url : List.of(
                    "http://127.0.0.1:" + listener.port() + "/wx/callback/" + OFFICIAL,
                    "http://127.0.0.1:" + listener.port() + "/actuator/health",
                    "http://127.0.0.1:" + port + "/actuator/health",
                    "http://127.0.0.1:" + port + "/wx/callback/..%2F..%2Factuator%2Fhealth",
                    "http://127.0.0.1:" + port + "/_sandbox/apps",
                    "http://localhost:" + listener.port() + "/anything")) {
                HttpResponse<String> answer = push(url);
                assertThat(answer.statusCode()).as(url).isEqualTo(403);
                assertThat(answer.body()).as(url).contains("not a push target").doesNotContain("\"status\"");
            }
            assertThat(listener.connections()).as("nothing was fetched").isZero();
        }
        HttpResponse<String> own = push("http://127.0.0.1:" + port + "/wx/callback/" + OFFICIAL);
        assertThat(own.statusCode()).as("wxgate's own callback URL is a target").isEqualTo(200);
    }

    @Test
    void everyConsolePageSaysWechatIsTheSandbox() throws Exception {
        for (String page : List.of("/console", "/console/sessions", "/console/callbacks")) {
            mvc.perform(get(page).with(user("admin").roles("ADMIN")))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Matchers.containsString("id=\"sandbox-notice\"")))
                    .andExpect(content().string(Matchers.containsString("WeChat here is the built-in sandbox")));
        }
        mvc.perform(get("/console").param("lang", "zh-CN").with(user("admin").roles("ADMIN")))
                .andExpect(content().string(Matchers.containsString("此处的微信是内置沙箱")));
        mvc.perform(get("/console/login"))
                .andExpect(content().string(Matchers.containsString("id=\"sandbox-notice\"")));
    }

    private HttpResponse<String> push(String url) throws IOException, InterruptedException {
        String body = "{\"url\": \"" + url + "\", \"token\": \"wxgatesandbox\", \"mode\": \"plaintext\"}";
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/_sandbox/apps/" + OFFICIAL + "/push"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A local TCP listener that counts the connections it accepts (and closes them). */
    static final class CountingListener implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0);
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor;

        CountingListener() throws IOException {
            acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket accepted = socket.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            acceptor.interrupt();
        }
    }
}
