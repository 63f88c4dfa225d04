package dev.wxgate.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded sandbox's push tool, driven as a tester would: a text message for the official-account sandbox app,
 * sent to wxgate's own callback URL on {@code port} in a given mode and format, with the app's development settings.
 */
public final class SandboxPushTool {
    static final String APP = "wxa1b2c3d4e5f60002";
    static final String TOKEN = "wxgatesandbox";
    static final String AES_KEY = "wxgateSandboxEncodingAesKey0123456789abcdeg";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SandboxPushTool() {}

    /**
     * The push tool's report (status, raw and decrypted reply, deliveries).
     *
     * @param repeat how many times the sandbox sends the same push (WeChat's retries), or null for the tool's default
     */
    public static JsonNode push(
            int port, String mode, String format, String sender, String content, long msgId, Integer repeat)
            throws Exception {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("ToUserName", "gh_97417a04a28d");
        message.put("FromUserName", sender);
        message.put("CreateTime", System.currentTimeMillis() / 1000);
        message.put("MsgType", "text");
        message.put("Content", content);
        message.put("MsgId", msgId);
        return push(port, mode, format, message, repeat);
    }

    /** The push tool's report for any {@code message} (its fields in order: an event, another message type). */
    public static JsonNode push(int port, String mode, String format, Map<String, Object> message, Integer repeat)
            throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("url", "http://127.0.0.1:" + port + "/wx/callback/" + APP);
        request.put("token", TOKEN);
        request.put("encodingAesKey", AES_KEY);
        request.put("mode", mode);
        request.put("format", format);
        request.put("message", message);
        if (repeat != null) {
            request.put("repeat", repeat);
        }
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_sandbox/apps/" + APP + "/push"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
