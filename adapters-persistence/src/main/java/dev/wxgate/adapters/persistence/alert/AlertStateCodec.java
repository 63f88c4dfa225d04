package dev.wxgate.adapters.persistence.alert;

import dev.wxgate.domain.alert.AlertKey;
import dev.wxgate.domain.alert.AlertMessage;
import dev.wxgate.domain.alert.AlertState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * How an alert state is written in Redis: one line per field, texts in base64 (a summary may hold anything), times in
 * epoch milliseconds, then one line per queued message. Deterministic, so equal states are equal strings: Redis
 * compares them for the compare-and-set.
 */
final class AlertStateCodec {
    private static final int FIELDS = 9;

    private AlertStateCodec() {}

    static String encode(AlertState state) {
        List<String> lines = new ArrayList<>(List.of(
                state.key().id(),
                state.firing() ? "1" : "0",
                text(state.summary()),
                millis(state.since()),
                millis(state.lastSeen()),
                millis(state.lastNotified()),
                Integer.toString(state.failedAttempts()),
                millis(state.nextAttemptAt()),
                text(state.sender())));
        for (AlertMessage message : state.outbox()) {
            lines.add(String.join(
                    ",",
                    message.status().name(),
                    text(message.summary()),
                    millis(message.since()),
                    millis(message.at())));
        }
        return String.join("\n", lines);
    }

    /** @throws IllegalArgumentException when the text is not a state this codec wrote */
    static AlertState decode(String encoded) {
        String[] lines = encoded.split("\n", -1);
        if (lines.length < FIELDS) {
            throw new IllegalArgumentException("expected at least " + FIELDS + " lines");
        }
        AlertKey key = AlertKey.parse(lines[0]);
        List<AlertMessage> outbox = new ArrayList<>();
        for (int i = FIELDS; i < lines.length; i++) {
            String[] message = lines[i].split(",", -1);
            if (message.length != 4) {
                throw new IllegalArgumentException("a queued message has " + message.length + " fields");
            }
            outbox.add(new AlertMessage(
                    key,
                    AlertMessage.Status.valueOf(message[0]),
                    decoded(message[1]),
                    instant(message[2]),
                    instant(message[3])));
        }
        return new AlertState(
                key,
                lines[1].equals("1"),
                decoded(lines[2]),
                instant(lines[3]),
                instant(lines[4]),
                instant(lines[5]),
                outbox,
                Integer.parseInt(lines[6]),
                instant(lines[7]),
                decoded(lines[8]));
    }

    private static String text(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    private static Instant instant(String millis) {
        return Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
