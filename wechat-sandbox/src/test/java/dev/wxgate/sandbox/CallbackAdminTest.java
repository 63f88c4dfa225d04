package dev.wxgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WeChat's admin and retries as the sandbox plays them: URL verification on save, key change, retry until answered. */
class CallbackAdminTest {
    private static final String APP = "wxa1b2c3d4e5f60002";
    private static final String TOKEN = "tokentoken";
    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<String> queries = new ArrayList<>();
    private final CallbackHttp http = new CallbackHttp();
    private final CallbackAdmin admin = new CallbackAdmin(http, Clock.systemUTC(), new SecureRandom());

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void savingSendsASignedGetAndKeepsTheSettingsWhenTheEchostrComesBack() throws IOException {
        URI url = server(call -> 200, true);

        CallbackAdmin.Verification verification = admin.save(APP, saved(url, KEY));

        assertThat(verification.verified()).isTrue();
        assertThat(queries.getFirst()).contains("signature=", "timestamp=", "nonce=", "echostr=");
        assertThat(admin.saved(APP)).map(CallbackAdmin.Saved::encodingAesKey).contains(KEY);
    }

    @Test
    void aUrlThatDoesNotEchoIsNotSaved() throws IOException {
        URI url = server(call -> 403, false);

        CallbackAdmin.Verification verification = admin.save(APP, saved(url, KEY));

        assertThat(verification.verified()).isFalse();
        assertThat(verification.status()).isEqualTo(403);
        assertThat(admin.saved(APP)).isEmpty();
    }

    @Test
    void theKeyChangesOnlyOnceAUrlIsSavedAndARandomOneIsFortyThreeLettersOrDigits() throws IOException {
        assertThatThrownBy(() -> admin.changeKey(APP, null))
                .isInstanceOfSatisfying(SandboxInputException.class, refused -> assertThat(refused.kind())
                        .isEqualTo(SandboxInputException.Kind.CONFLICT));
        admin.save(APP, saved(server(call -> 200, true), KEY));

        CallbackAdmin.Verification changed = admin.changeKey(APP, null);

        assertThat(changed.verified()).isTrue();
        assertThat(changed.encodingAesKey()).matches("[0-9A-Za-z]{43}").isNotEqualTo(KEY);
        assertThat(admin.saved(APP)).map(CallbackAdmin.Saved::encodingAesKey).contains(changed.encodingAesKey());
    }

    @Test
    void wechatsRetriesStopAtTheFirstAnsweredTryAndGiveUpAfterThree() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        URI flaky = server(call -> calls.incrementAndGet() == 1 ? 503 : 200, false);
        URI down = server(call -> 503, false);
        CallbackPush push = new CallbackPush(http, SandboxJson.CODEC, Clock.systemUTC(), new SecureRandom());

        assertThat(push.push(request(flaky)).deliveries())
                .extracting(CallbackDelivery::status)
                .containsExactly(503, 200);
        assertThat(push.push(request(down)).deliveries())
                .extracting(CallbackDelivery::status)
                .containsExactly(503, 503, 503);
    }

    private static CallbackPush.Request request(URI url) {
        return new CallbackPush.Request(
                APP,
                url,
                TOKEN,
                null,
                CallbackMode.PLAINTEXT,
                CallbackFormat.XML,
                Map.of("MsgType", "text"),
                null,
                null,
                CallbackPush.MAX_REPEAT,
                true);
    }

    private static CallbackAdmin.Saved saved(URI url, String key) {
        return new CallbackAdmin.Saved(url, TOKEN, key, CallbackMode.SAFE, CallbackFormat.XML);
    }

    /** A callback endpoint answering {@code status(call)}, with the echostr back when {@code echo}, else "success". */
    private URI server(IntFunction<Integer> status, boolean echo) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger call = new AtomicInteger();
        server.createContext("/", exchange -> {
            String query =
                    Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
            queries.add(query);
            exchange.getRequestBody().readAllBytes();
            String echostr = query.replaceAll(".*echostr=([^&]*).*", "$1");
            byte[] body = (echo && query.contains("echostr=") ? echostr : "success").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.apply(call.incrementAndGet()), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/wx/callback/" + APP);
    }
}
