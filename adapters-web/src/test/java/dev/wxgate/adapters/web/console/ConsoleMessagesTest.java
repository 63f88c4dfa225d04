package dev.wxgate.adapters.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.delivery.DeliveryState;
import dev.wxgate.domain.delivery.Sink;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The console's two languages say the same things: every key is in both bundles, and every value the pages look a
 * label up for (audit kinds, delivery states and sinks) has one.
 */
class ConsoleMessagesTest {
    private final Properties english = bundle("messages_en.properties");
    private final Properties chinese = bundle("messages_zh_CN.properties");

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
    }

    @Test
    void everyLabelAPageLooksUpIsThere() {
        List<String> keys = new ArrayList<>();
        for (AuditKind kind : AuditKind.values()) {
            keys.add("console.audit.kind." + kind.code());
        }
        for (DeliveryState state : DeliveryState.values()) {
            keys.add("console.deliveries.state." + DeliveriesController.code(state));
        }
        keys.add("console.deliveries.state." + DeliveriesController.ALL);
        for (Sink sink : Sink.values()) {
            keys.add("console.deliveries.sink." + sink.name().toLowerCase(Locale.ROOT));
        }
        assertThat(english.stringPropertyNames()).containsAll(keys);
        assertThat(chinese.stringPropertyNames()).containsAll(keys);
    }

    private static Properties bundle(String name) {
        Properties properties = new Properties();
        try (InputStream in = ConsoleMessagesTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw new AssertionError(name, unreadable);
        }
        return properties;
    }
}
