package dev.wxgate.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.StoredPush;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DeliveryBodyTest {

    @Test
    void theBodyCarriesTheMessageAsAnObjectAndAsWritten() {
        DeliveryId id = DeliveryId.of("0b7e4c2a-5d0e-4f53-9a51-0c1d2e3f4a5b");
        StoredPush push = new StoredPush(
                id,
                AppId.of("wx1234567890abcdef"),
                "msg:1",
                "event",
                Optional.of("subscribe"),
                MessageFormat.XML,
                "<xml><MsgType><![CDATA[event]]></MsgType></xml>",
                "{\"MsgType\":\"event\",\"List\":{\"item\":[{\"A\":\"1\"}]}}",
                Instant.ofEpochSecond(1714112445));

        String body = new String(new DeliveryBody(JsonMapper.builder().build()).of(push), StandardCharsets.UTF_8);

        assertThat(body)
                .isEqualTo("{\"appId\":\"wx1234567890abcdef\",\"deliveryId\":\"" + id.value()
                        + "\",\"msgType\":\"event\",\"event\":\"subscribe\",\"receivedAt\":1714112445,"
                        + "\"format\":\"xml\",\"message\":{\"MsgType\":\"event\",\"List\":{\"item\":[{\"A\":\"1\"}]}},"
                        + "\"raw\":\"<xml><MsgType><![CDATA[event]]></MsgType></xml>\"}");
        assertThat(push.routingKey()).isEqualTo("wx1234567890abcdef.event.subscribe");
    }
}
