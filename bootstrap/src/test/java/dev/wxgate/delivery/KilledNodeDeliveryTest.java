package dev.wxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.bootstrap.WxgateApplication;
import dev.wxgate.callback.SandboxPushTool;
import dev.wxgate.domain.delivery.PushOutbox;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The test (b): a wxgate process killed ({@code kill -9}) while it holds claims on pending deliveries (its
 * webhook attempts hang) loses nothing: once its leases run out, the other node delivers every one.
 */
class KilledNodeDeliveryTest {
    private static final int PUSHES = 20;

    @Test
    void theClaimsOfAKilledNodeRunOutAndAnotherNodeDeliversThemAll() throws Exception {
        DeliveryNodes.Database database = DeliveryNodes.Database.freshSchema();
        Path log = Files.createDirectories(Path.of("target", "delivery-tests")).resolve("killed-node.log");
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    WxgateApplication.class.getName(),
                    "--spring.profiles.active=test",
                    "--server.port=" + port));
            // Every attempt of this node hangs, so each of its claims is held when it dies.
            command.addAll(DeliveryNodes.arguments(
                    database,
                    webhook.url("/hang"),
                    "--wxgate.delivery.batch-size=" + PUSHES,
                    "--wxgate.delivery.worker-threads=" + PUSHES,
                    "--wxgate.delivery.attempt-timeout=20s",
                    "--wxgate.delivery.lease=25s"));
            Process doomed = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                awaitUp(doomed, port, log);
                long firstMsgId = System.currentTimeMillis() * 1_000;
                for (int i = 0; i < PUSHES; i++) {
                    JsonNode report =
                            SandboxPushTool.push(port, "safe", "xml", "oKill" + i, "push " + i, firstMsgId + i, 1);
                    assertThat(report.path("status").asInt())
                            .as(report.toString())
                            .isEqualTo(200);
                }
                DeliveryNodes.await(
                        "the doomed node attempts every delivery", 60, () -> webhook.hanging.size() == PUSHES);
            } finally {
                doomed.destroyForcibly(); // SIGKILL: no shutdown hook, no lease released
                assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(webhook.deliveredMessages()).isZero();

            try (ConfigurableApplicationContext survivor =
                    DeliveryNodes.start(DeliveryNodes.arguments(database, webhook.url("/ok")))) {
                PushOutbox outbox = survivor.getBean(PushOutbox.class);
                DeliveryNodes.await(
                        "the survivor delivers every push once the leases run out",
                        120,
                        () -> webhook.deliveredMessages() == PUSHES
                                && outbox.depth().pending() == 0);

                assertThat(webhook.attempts.keySet())
                        .as("the same deliveries, by id")
                        .containsExactlyInAnyOrderElementsOf(webhook.hanging.keySet());
                assertThat(webhook.delivered.values())
                        .allSatisfy(count -> assertThat(count).hasValue(1));
                assertThat(webhook.afterSuccess).hasValue(0);
                assertThat(webhook.badSignatures).hasValue(0);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits until the process answers HTTP on its port; fails at once if it exits. */
    private static void awaitUp(Process process, int port, Path log) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the wxgate process exited: " + Files.readString(log));
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the wxgate process did not come up: " + Files.readString(log));
    }
}
