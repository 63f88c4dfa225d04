package dev.wxgate.adapters.wechat;

import static dev.wxgate.adapters.wechat.OfficialCallbackExamples.*;
import static dev.wxgate.testfixtures.WechatCiphertexts.pad;
import static dev.wxgate.testfixtures.WechatCiphertexts.plaintext;
import static dev.wxgate.testfixtures.WechatCiphertexts.seal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.callback.CallbackRejectedException;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WechatMessageCryptoTest {
    private final WechatMessageCrypto xmlApp = new WechatMessageCrypto(AES_KEY, XML_APP_ID);
    private final WechatMessageCrypto jsonApp = new WechatMessageCrypto(AES_KEY, JSON_APP_ID);

    @Test
    void officialSafeModeXmlExampleDecrypts() {
        String message = xmlApp.decrypt(XML_ENCRYPT);

        assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(292);
        assertThat(message)
                .startsWith("<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>")
                .contains("<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>")
                .contains("<CreateTime>1715943329</CreateTime>")
                .contains("<Event><![CDATA[debug_demo]]></Event>")
                .contains("<debug_str><![CDATA[hello world]]></debug_str>");
    }

    @Test
    void officialJsonExampleDecrypts() {
        assertThat(jsonApp.decrypt(JSON_ENCRYPT)).isEqualTo(JSON_MESSAGE);
    }

    @Test
    void officialReplyExampleEncryptsToThePublishedCiphertext() {
        String encrypted = xmlApp.encrypt(REPLY_MESSAGE, REPLY_RANDOM.getBytes(StandardCharsets.US_ASCII));

        assertThat(encrypted).isEqualTo(REPLY_ENCRYPT);
        assertThat(Base64.getDecoder().decode(encrypted)).hasSize(96);
    }

    @Test
    void aRepliesRoundTripWithFreshRandomPrefixes() {
        String first = jsonApp.encrypt("{\"Content\":\"你好\"}");
        String second = jsonApp.encrypt("{\"Content\":\"你好\"}");

        assertThat(first).isNotEqualTo(second);
        assertThat(jsonApp.decrypt(first)).isEqualTo("{\"Content\":\"你好\"}");
        assertThat(jsonApp.decrypt(second)).isEqualTo("{\"Content\":\"你好\"}");
    }

    @Test
    void aMessageForAnotherAppIsRefused() {
        assertThatThrownBy(() -> jsonApp.decrypt(XML_ENCRYPT))
                .isInstanceOf(CallbackRejectedException.class)
                .extracting(failure -> ((CallbackRejectedException) failure).reason())
                .isEqualTo(Reason.WRONG_APP);
    }

    @Test
    void notBase64IsRefused() {
        assertReason(() -> xmlApp.decrypt("not base64 at all!"), Reason.BAD_BASE64);
        assertReason(() -> xmlApp.decrypt(""), Reason.MALFORMED);
    }

    @Test
    void ciphertextOfWrongLengthIsBadPadding() {
        assertReason(() -> xmlApp.decrypt(Base64.getEncoder().encodeToString(new byte[16])), Reason.BAD_PADDING);
        assertReason(() -> xmlApp.decrypt(Base64.getEncoder().encodeToString(new byte[33])), Reason.BAD_PADDING);
    }

    @Test
    void everyPaddingByteIsChecked() {
        // 16-byte PKCS#7 (what a library's default would write) is not WeChat's 32-byte block: one byte off anywhere
        // in the pad is refused.
        byte[] content = plaintext("<xml/>", XML_APP_ID);
        int pad = 32 - content.length % 32;
        byte[] padded = Arrays.copyOf(content, content.length + pad);
        Arrays.fill(padded, content.length, padded.length, (byte) pad);
        assertThat(xmlApp.decrypt(seal(AES_KEY, padded))).isEqualTo("<xml/>");

        for (int i = content.length; i < padded.length - 1; i++) {
            byte[] broken = padded.clone();
            broken[i] = (byte) (pad + 1);
            assertReason(() -> xmlApp.decrypt(seal(AES_KEY, broken)), Reason.BAD_PADDING);
        }
        byte[] zero = padded.clone();
        zero[zero.length - 1] = 0;
        assertReason(() -> xmlApp.decrypt(seal(AES_KEY, zero)), Reason.BAD_PADDING);
        byte[] overLong = padded.clone();
        overLong[overLong.length - 1] = 33;
        assertReason(() -> xmlApp.decrypt(seal(AES_KEY, overLong)), Reason.BAD_PADDING);
    }

    @Test
    void aLengthFieldPastTheEndOrAPlaintextShorterThanItsHeaderIsBadLength() {
        byte[] content = plaintext("<xml/>", XML_APP_ID);
        ByteBuffer.wrap(content).putInt(16, Integer.MAX_VALUE);
        assertReason(() -> xmlApp.decrypt(seal(AES_KEY, pad(content))), Reason.BAD_LENGTH);
        ByteBuffer.wrap(content).putInt(16, -1);
        assertReason(() -> xmlApp.decrypt(seal(AES_KEY, pad(content))), Reason.BAD_LENGTH);
        assertReason(() -> xmlApp.decrypt(seal(AES_KEY, pad(new byte[10]))), Reason.BAD_LENGTH);
    }

    @Test
    void randomCiphertextsAreAlwaysRefusedWithAReason() {
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[32 * (1 + random.nextInt(4))];
            random.nextBytes(junk);
            assertThatThrownBy(() -> xmlApp.decrypt(seal(AES_KEY, junk))).isInstanceOf(CallbackRejectedException.class);
        }
    }

    @Test
    void aKeyThatIsNot43LettersOrDigitsIsRefused() {
        assertThatThrownBy(() -> new WechatMessageCrypto("A".repeat(42), XML_APP_ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("AAAA");
        assertThat(xmlApp.toString()).doesNotContain(AES_KEY);
    }

    private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOf(CallbackRejectedException.class)
                .extracting(failure -> ((CallbackRejectedException) failure).reason())
                .isEqualTo(reason);
    }
}
