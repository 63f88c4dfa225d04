package dev.wxgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.wxgate.sandbox.HttpSandboxClient.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * POST /_sandbox/apps/{appId}/push against a receiver in the test (the JDK's HttpServer), which checks what WeChat
 * would send with its own SHA-1 and AES code, and answers as a callback endpoint would.
 */
@SpringBootTest(classes = WechatSandboxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PushHttpTest {
    static final String APP = "wxa1b2c3d4e5f60002";
    static final String TOKEN = "sandboxCallbackToken1";
    static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    HttpSandboxClient client;
    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile Function<Received, String> replier = r -> "success";

    record Received(String method, String contentType, Map<String, String> query, String body) {}

    @BeforeEach
    void start() throws IOException {
        client = new HttpSandboxClient(port);
        client.post("/_sandbox/reset", "");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            Received r = new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    query(exchange.getRequestURI().getRawQuery()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(r);
            byte[] reply = replier.apply(r).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length == 0 ? -1 : reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    String callbackUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/wx/callback/" + APP;
    }

    Reply push(Map<String, Object> body) {
        return client.post("/_sandbox/apps/" + APP + "/push", JSON.writeValueAsString(body));
    }

    Map<String, Object> body(String mode, String format) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", callbackUrl());
        body.put("token", TOKEN);
        body.put("encodingAesKey", KEY);
        body.put("mode", mode);
        body.put("format", format);
        return body;
    }

    @ParameterizedTest
    @CsvSource({"plaintext, xml", "plaintext, json", "compatible, xml", "compatible, json", "safe, xml", "safe, json"})
    void everyModeAndFormatIsSignedEncryptedAndItsReplyRead(String mode, String format) throws Exception {
        boolean encrypted = !mode.equals("plaintext");
        boolean xml = format.equals("xml");
        String passive = xml
                ? "<xml><ToUserName><![CDATA[user]]></ToUserName><MsgType><![CDATA[text]]></MsgType>"
                        + "<Content><![CDATA[pong]]></Content></xml>"
                : "{\"ToUserName\":\"user\",\"MsgType\":\"text\",\"Content\":\"pong\"}";
        replier = r -> encrypted ? encryptedReply(passive, xml, "1714112445", "415670741", true) : passive;

        Reply reply = push(body(mode, format));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(received).hasSize(1);
        Received r = received.getFirst();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.contentType()).isEqualTo(xml ? "text/xml" : "application/json");
        Map<String, String> q = r.query();
        assertThat(q.get("signature")).isEqualTo(sha1(TOKEN, q.get("timestamp"), q.get("nonce")));
        assertThat(q.get("timestamp")).matches("[0-9]{10}");
        assertThat(q.get("nonce")).matches("[0-9]+");

        Map<String, String> fields = fields(r.body(), xml);
        String message;
        if (encrypted) {
            String encrypt = fields.get("Encrypt");
            assertThat(q).containsEntry("encrypt_type", "aes");
            assertThat(q.get("msg_signature")).isEqualTo(sha1(TOKEN, q.get("timestamp"), q.get("nonce"), encrypt));
            message = decrypt(encrypt);
            if (mode.equals("safe")) {
                assertThat(fields.keySet()).containsExactly("ToUserName", "Encrypt");
            } else {
                assertThat(fields.keySet())
                        .containsExactly(
                                "ToUserName", "FromUserName", "CreateTime", "MsgType", "Content", "MsgId", "Encrypt");
            }
            assertThat(fields.get("ToUserName")).isEqualTo(fields(message, xml).get("ToUserName"));
        } else {
            assertThat(q).doesNotContainKeys("encrypt_type", "msg_signature");
            assertThat(fields).doesNotContainKey("Encrypt");
            message = r.body();
        }
        Map<String, String> inner = fields(message, xml);
        assertThat(inner.keySet())
                .containsExactly("ToUserName", "FromUserName", "CreateTime", "MsgType", "Content", "MsgId");
        assertThat(inner).containsEntry("MsgType", "text").containsEntry("Content", "hello");
        assertThat(inner.get("ToUserName")).matches("gh_[0-9a-f]{12}");
        assertThat(q.get("openid")).isEqualTo(inner.get("FromUserName")).hasSize(28);
        assertThat(inner.get("CreateTime")).isEqualTo(q.get("timestamp"));
        if (xml) {
            assertThat(message)
                    .startsWith("<xml><ToUserName><![CDATA[gh_")
                    .contains("<CreateTime>" + q.get("timestamp") + "</CreateTime>")
                    .containsPattern("<MsgId>[0-9]+</MsgId>");
        } else {
            JsonNode node = JSON.readTree(message);
            assertThat(node.get("CreateTime").isIntegralNumber()).isTrue();
            assertThat(node.get("MsgId").isIntegralNumber()).isTrue();
        }

        assertThat(reply.json().get("status").asInt()).isEqualTo(200);
        assertThat(reply.json().has("elapsedMillis")).isTrue();
        assertThat(reply.text("reply")).isEqualTo(passive);
        if (encrypted) {
            assertThat(reply.json().get("replySignatureValid").asBoolean()).isTrue();
            assertThat(reply.text("rawReply")).contains("Encrypt").doesNotContain("pong");
        } else {
            assertThat(reply.json().has("replySignatureValid")).isFalse();
        }
        assertThat(reply.json().get("deliveries")).hasSize(1);
        assertThat(reply.json().get("sent").get("body").asString()).isEqualTo(r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"xml", "json"})
    void aForgedReplySignatureIsReportedAndTheReplyStillDecrypted(String format) {
        boolean xml = format.equals("xml");
        replier = r -> encryptedReply("<xml/>", xml, "1", "2", false);
        Reply reply = push(body("safe", format));
        assertThat(reply.json().get("replySignatureValid").asBoolean()).isFalse();
        assertThat(reply.text("reply")).isEqualTo("<xml/>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xml", "json"})
    void aSealedNewsReplyIsShownAsWeChatReadsItAddressedBack(String format) {
        boolean xml = format.equals("xml");
        String news = xml
                ? "<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_1]]></FromUserName>"
                        + "<CreateTime>1714112445</CreateTime><MsgType><![CDATA[news]]></MsgType>"
                        + "<ArticleCount>2</ArticleCount><Articles><item><Title><![CDATA[a]]></Title>"
                        + "<Url><![CDATA[http://u/1]]></Url></item><item><Title><![CDATA[b]]></Title></item>"
                        + "</Articles></xml>"
                : "{\"ToUserName\":\"oUser\",\"FromUserName\":\"gh_1\",\"CreateTime\":1714112445,"
                        + "\"MsgType\":\"news\",\"ArticleCount\":2,\"Articles\":[{\"Title\":\"a\",\"Url\":\"http://u/1\"},"
                        + "{\"Title\":\"b\"}]}";
        replier = r -> encryptedReply(news, xml, "1714112445", "415670741", true);

        Reply reply = push(addressed(body("safe", format), "oUser"));

        assertThat(reply.json().get("replySignatureValid").asBoolean()).isTrue();
        assertThat(reply.json().get("replyAddressedBack").asBoolean()).isTrue();
        assertThat(reply.json().has("replyProblem")).isFalse();
        assertThat(JSON.writeValueAsString(reply.json().get("replyMessage")))
                .isEqualTo("{\"ToUserName\":\"oUser\",\"FromUserName\":\"gh_1\",\"CreateTime\":\"1714112445\","
                        + "\"MsgType\":\"news\",\"ArticleCount\":\"2\",\"Articles\":[{\"Title\":\"a\",\"Url\":\"http://u/1\"},"
                        + "{\"Title\":\"b\"}]}");
        assertThat(reply.json().get("deliveries").get(0).get("replyMessage"))
                .isEqualTo(reply.json().get("replyMessage"));
    }

    @Test
    void aPlainReplyWeChatWouldRefuseOrToSomeoneElseIsReported() {
        replier = r -> "<xml><ToUserName><![CDATA[oOther]]></ToUserName><FromUserName><![CDATA[gh_1]]></FromUserName>"
                + "<CreateTime>1</CreateTime><MsgType><![CDATA[music]]></MsgType>"
                + "<Music><Title><![CDATA[t]]></Title></Music></xml>";

        Reply reply = push(addressed(body("plaintext", "xml"), "oUser"));

        assertThat(reply.json().get("replyAddressedBack").asBoolean()).isFalse();
        assertThat(reply.text("replyProblem")).isEqualTo("Music.ThumbMediaId is missing");
        assertThat(reply.json().get("replyMessage").get("Music").get("Title").asString())
                .isEqualTo("t");
    }

    private static Map<String, Object> addressed(Map<String, Object> body, String sender) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("ToUserName", "gh_1");
        message.put("FromUserName", sender);
        message.put("CreateTime", 1714112445L);
        message.put("MsgType", "text");
        message.put("Content", "news please");
        message.put("MsgId", 1L);
        body.put("message", message);
        return body;
    }

    @Test
    void givenMessageTimestampAndNonceAreSentAsGiven() {
        Map<String, Object> body = body("plaintext", "xml");
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("ToUserName", "gh_97417a04a28d");
        message.put("FromUserName", "o9AgO5Kd5ggOC-bXrbNODIiE3bGY");
        message.put("CreateTime", 1714036504);
        message.put("MsgType", "event");
        message.put("Event", "subscribe");
        body.put("message", message);
        body.put("token", "AAAAA");
        body.put("timestamp", 1714036504);
        body.put("nonce", "1514711492");

        Reply reply = push(body);

        assertThat(reply.text("reply")).isEqualTo("success");
        Received r = received.getFirst();
        assertThat(r.query())
                .containsEntry("signature", "f464b24fc39322e44b38aa78f5edd27bd1441696")
                .containsEntry("timestamp", "1714036504")
                .containsEntry("nonce", "1514711492")
                .containsEntry("openid", "o9AgO5Kd5ggOC-bXrbNODIiE3bGY");
        assertThat(r.body())
                .isEqualTo("<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>"
                        + "<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>"
                        + "<CreateTime>1714036504</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                        + "<Event><![CDATA[subscribe]]></Event></xml>");
    }

    @Test
    void repeatSendsTheSameDeliveryThreeTimes() {
        Map<String, Object> body = body("compatible", "json");
        body.put("repeat", 3);
        Reply reply = push(body);
        assertThat(received).hasSize(3);
        assertThat(received).allSatisfy(r -> {
            assertThat(r.query()).isEqualTo(received.getFirst().query());
            assertThat(r.body()).isEqualTo(received.getFirst().body());
        });
        assertThat(reply.json().get("deliveries")).hasSize(3);
        reply.json().get("deliveries").forEach(d -> {
            assertThat(d.get("status").asInt()).isEqualTo(200);
            assertThat(d.get("reply").asString()).isEqualTo("success");
        });
    }

    @Test
    void emptyRepliesAreSuccessAndUnreadableOnesAreReported() {
        replier = r -> "";
        assertThat(push(body("plaintext", "xml")).text("reply")).isEqualTo("success");
        replier = r -> "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]><xml><Encrypt>&e;</Encrypt></xml>";
        Reply doctype = push(body("safe", "xml"));
        assertThat(doctype.json().has("reply")).isFalse();
        assertThat(doctype.text("replyError")).contains("DOCTYPE");
    }

    @Test
    void aTargetThatIsDownIsReportedNotFailed() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, Object> body = body("plaintext", "xml");
        body.put("url", "http://127.0.0.1:" + closed + "/wx/callback/" + APP);
        Reply reply = push(body);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().has("status")).isFalse();
        assertThat(reply.text("error")).startsWith("no answer");
    }

    @Test
    void aTargetOtherThanAWxgateCallbackUrlIsRefusedAndNeverFetched() {
        int port = receiver.getAddress().getPort();
        for (String url : List.of(
                "http://127.0.0.1:" + port + "/actuator/health",
                "http://127.0.0.1:" + port + "/wx/callback/../../actuator/health",
                "http://127.0.0.1:" + port + "/",
                "http://169.254.169.254/latest/meta-data/",
                "http://203.0.113.9:" + port + "/wx/callback/" + APP)) {
            Reply reply = push(with("url", url));
            assertThat(reply.status()).as(url).isEqualTo(403);
            assertThat(reply.text("error")).as(url).contains("not a push target");
        }
        assertThat(received).as("nothing was fetched").isEmpty();
    }

    @Test
    void badInputIsRefused() {
        assertThat(client.post("/_sandbox/apps/wx0000000000000000/push", JSON.writeValueAsString(body("safe", "xml")))
                        .status())
                .isEqualTo(404);
        assertRefused(without("url"), "url");
        assertRefused(without("token"), "token");
        assertRefused(with("mode", "secure"), "mode");
        assertRefused(with("format", "yaml"), "format");
        assertRefused(with("url", "file:///etc/passwd"), "url");
        assertRefused(with("url", "gopher://127.0.0.1:25/"), "url");
        assertRefused(with("url", "not a url"), "url");
        assertRefused(with("encodingAesKey", "A".repeat(42)), "encodingAesKey");
        assertRefused(with("encodingAesKey", "A".repeat(44)), "encodingAesKey");
        assertRefused(without("encodingAesKey"), "encodingAesKey");
        assertRefused(with("repeat", 4), "repeat");
        assertRefused(with("message", "hello"), "message");
        assertRefused(with("colour", "red"), "colour");
        assertThat(client.post("/_sandbox/apps/" + APP + "/push", "").status()).isEqualTo(400);
        assertThat(received).isEmpty();
    }

    private Map<String, Object> without(String field) {
        Map<String, Object> body = body("safe", "xml");
        body.remove(field);
        return body;
    }

    private Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = body("safe", "xml");
        body.put(field, value);
        return body;
    }

    private void assertRefused(Map<String, Object> body, String field) {
        Reply reply = push(body);
        assertThat(reply.status()).as(body.toString()).isEqualTo(400);
        assertThat(reply.text("error")).contains(field);
    }

    // ------------------------------------------------ the receiver's own WeChat code, independent of the sandbox's

    private static Map<String, String> fields(String text, boolean xml) {
        if (xml) {
            return CallbackXml.readFlat(text).orElseThrow();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        JSON.readTree(text)
                .properties()
                .forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
        return fields;
    }

    private static String encryptedReply(String passive, boolean xml, String timestamp, String nonce, boolean sign) {
        String encrypt = encrypt(passive);
        String signature = sign ? sha1(TOKEN, timestamp, nonce, encrypt) : "0".repeat(40);
        return xml
                ? "<xml><Encrypt><![CDATA[" + encrypt + "]]></Encrypt><MsgSignature><![CDATA[" + signature
                        + "]]></MsgSignature><TimeStamp>" + timestamp + "</TimeStamp><Nonce><![CDATA[" + nonce
                        + "]]></Nonce></xml>"
                : "{\"Encrypt\":\"" + encrypt + "\",\"MsgSignature\":\"" + signature + "\",\"TimeStamp\":" + timestamp
                        + ",\"Nonce\":\"" + nonce + "\"}";
    }

    private static String sha1(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1")
                            .digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String encrypt(String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] appId = APP.getBytes(StandardCharsets.UTF_8);
        int length = 20 + text.length + appId.length;
        int pad = 32 - length % 32;
        ByteBuffer plain = ByteBuffer.allocate(length + pad);
        byte[] prefix = new byte[16];
        new SecureRandom().nextBytes(prefix);
        plain.put(prefix).putInt(text.length).put(text).put(appId);
        while (plain.hasRemaining()) {
            plain.put((byte) pad);
        }
        return Base64.getEncoder().encodeToString(aes(Cipher.ENCRYPT_MODE, plain.array()));
    }

    private static String decrypt(String encrypt) {
        byte[] plain = aes(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(encrypt));
        int pad = plain[plain.length - 1];
        assertThat(pad).isBetween(1, 32);
        for (int i = plain.length - pad; i < plain.length; i++) {
            assertThat(plain[i]).isEqualTo((byte) pad);
        }
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        String appId = new String(plain, 20 + length, plain.length - pad - 20 - length, StandardCharsets.UTF_8);
        assertThat(appId).isEqualTo(APP);
        return new String(plain, 20, length, StandardCharsets.UTF_8);
    }

    private static byte[] aes(int mode, byte[] input) {
        try {
            byte[] key = Base64.getDecoder().decode(KEY + "=");
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return aes.doFinal(input);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}
