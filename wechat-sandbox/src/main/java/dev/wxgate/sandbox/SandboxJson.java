package dev.wxgate.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Edge helper: the sandbox's own JSON reader and writer. The host application's Jackson settings (naming strategy,
 * inclusion rules) must never change WeChat's wire format, so the sandbox does not use the shared mapper.
 */
final class SandboxJson {
    /** What api.weixin.qq.com sends (observed): JSON with a non-standard "encoding" parameter clients must tolerate. */
    static final MediaType WECHAT_JSON = MediaType.parseMediaType("application/json; encoding=utf-8");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final int MAX_BODY_BYTES = 64 * 1024;

    private SandboxJson() {}

    static ResponseEntity<byte[]> wechat(HttpStatus status, Object body) {
        return ResponseEntity.status(status).contentType(WECHAT_JSON).body(MAPPER.writeValueAsBytes(body));
    }

    static ResponseEntity<byte[]> control(HttpStatus status, Object body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(MAPPER.writeValueAsBytes(body));
    }

    /** 503 with no body and the connection closed: what a client sees when the upstream or its proxy is down. */
    static ResponseEntity<byte[]> outage() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.CONNECTION, "close")
                .build();
    }

    /**
     * The raw request body whatever its Content-Type: WeChat reads JSON from plain and form-typed posts alike (curl -d,
     * PHP's curl), while Spring would rebuild a form-typed body from request parameters. Read it before any
     * {@code getParameter} call, which lets the container consume a form body. Bodies are small: past the limit the
     * text is cut, so it no longer parses, and the call is answered as malformed.
     */
    static byte[] rawBody(HttpServletRequest request) throws IOException {
        return request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    }

    /** The body as a JSON object, or empty when it is missing, not JSON, or not an object. */
    static Optional<JsonNode> readObject(byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** The push tool's JSON: the sandbox's own mapper, field order kept. */
    static final CallbackPush.JsonCodec CODEC = new CallbackPush.JsonCodec() {
        @Override
        public String write(java.util.Map<String, ?> object) {
            return MAPPER.writeValueAsString(object);
        }

        @Override
        public Optional<java.util.Map<String, Object>> read(String text) {
            return readObject(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .map(SandboxJson::toMap);
        }
    };

    /** A JSON object as a map in field order: strings, numbers, booleans, nulls, lists and maps. */
    @SuppressWarnings("unchecked")
    static java.util.Map<String, Object> toMap(JsonNode object) {
        return MAPPER.convertValue(object, java.util.LinkedHashMap.class);
    }

    /** {@code object} with WeChat's watermark added, as the JSON text WeChat encrypts. */
    static String watermarked(JsonNode object, String appId, long timestamp) {
        tools.jackson.databind.node.ObjectNode copy = ((tools.jackson.databind.node.ObjectNode) object).deepCopy();
        copy.putObject("watermark").put("timestamp", timestamp).put("appid", appId);
        return MAPPER.writeValueAsString(copy);
    }
}
