package dev.wxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.adapters.delivery.webhook.WebhookSignature;
import dev.wxgate.testfixtures.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The README's signature checks for webhook receivers, in Java and in Node, accept what wxgate signs and refuse a
 * tampered body, another secret and a stale timestamp. The Java one is below, and must read as in the README; the Node
 * one is taken from the README and run with {@code node}.
 */
class ReadmeSignatureCheckTest {
    private static final String SECRET = "readme-secret-0123456789";
    private static final byte[] BODY =
            "{\"appId\":\"wx0123456789abcdef\",\"message\":{\"Content\":\"hi 你好\"}}".getBytes(StandardCharsets.UTF_8);

    // The README's Java check, as it stands there.
    static boolean verify(String secret, String timestamp, byte[] body, String signature) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected =
                ("sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
        boolean fresh = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) <= 300;
        return fresh && MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    private static String readmeBlock(String language) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Receive pushes in your systems"));
        Matcher block =
                Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(block.find())
                .as("a ```" + language + " block in the README's section")
                .isTrue();
        return block.group(1);
    }

    /** Without whitespace: the formatter may wrap a line where the README does not. */
    private static String squeezed(String code) {
        return code.replaceAll("\\s+", "");
    }

    @Test
    void theJavaCheckIsTheReadmes() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/wxgate/delivery/ReadmeSignatureCheckTest.java"));

        assertThat(squeezed(source)).contains(squeezed(readmeBlock("java")));
    }

    @Test
    void theJavaCheckAcceptsWhatWxgateSignsAndNothingElse() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String signature = WebhookSignature.of(SECRET, now, BODY);
        byte[] tampered = BODY.clone();
        tampered[5] ^= 1;

        assertThat(verify(SECRET, Long.toString(now), BODY, signature)).isTrue();
        assertThat(verify(SECRET, Long.toString(now), tampered, signature)).isFalse();
        assertThat(verify("another-secret-0123456", Long.toString(now), BODY, signature))
                .isFalse();
        assertThat(verify(SECRET, Long.toString(now - 600), BODY, WebhookSignature.of(SECRET, now - 600, BODY)))
                .isFalse();
    }

    @Test
    void theNodeCheckAcceptsWhatWxgateSignsAndNothingElse() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String signature = WebhookSignature.of(SECRET, now, BODY);
        byte[] tampered = BODY.clone();
        tampered[5] ^= 1;

        assertThat(node(now, BODY, signature, SECRET)).isEqualTo("true");
        assertThat(node(now, tampered, signature, SECRET)).isEqualTo("false");
        assertThat(node(now, BODY, signature, "another-secret-0123456")).isEqualTo("false");
        assertThat(node(now - 600, BODY, WebhookSignature.of(SECRET, now - 600, BODY), SECRET))
                .isEqualTo("false");
        assertThat(node(now, BODY, "sha256=00", SECRET)).as("a short signature").isEqualTo("false");
    }

    /** Runs the README's Node function on one request; its printed answer. */
    private static String node(long timestamp, byte[] body, String signature, String secret) throws Exception {
        String script = readmeBlock("js")
                + "\nconst [secret, timestamp, signature, body] = process.argv.slice(1);\n"
                + "console.log(verifyWxgate(secret, {'x-wxgate-timestamp': timestamp, 'x-wxgate-signature': signature},"
                + " Buffer.from(body, 'base64')));\n";
        Process process;
        try {
            process = new ProcessBuilder(
                            "node",
                            "-e",
                            script,
                            secret,
                            Long.toString(timestamp),
                            signature,
                            Base64.getEncoder().encodeToString(body))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException noNode) {
            RequiredTool.require(false, "node is not installed: the README's Node check needs it");
            throw noNode;
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.exitValue()).as(printed).isZero();
        return printed;
    }
}
