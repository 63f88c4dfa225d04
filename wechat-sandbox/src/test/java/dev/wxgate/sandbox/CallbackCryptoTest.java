package dev.wxgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** WeChat's push signatures and envelope against the official examples of ../shared/WECHAT-API.md. */
class CallbackCryptoTest {
    static final String TOKEN = "AAAAA";
    static final String KEY = "A".repeat(43);
    static final String JSON_APPID = "wxba5fad812f8e6fb9";
    static final String JSON_ENCRYPT =
            "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6"
                    + "JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKS"
                    + "qFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=";
    static final String JSON_MESSAGE = "{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":"
            + "\"o9AgO5Kd5ggOC-bXrbNODIiE3bGY\",\"CreateTime\":1714112445,\"MsgType\":\"event\","
            + "\"Event\":\"debug_demo\",\"debug_str\":\"hello world\"}";

    private final SecureRandom random = new SecureRandom();

    @Test
    void urlVerificationSignatureMatchesTheOfficialExample() {
        assertThat(CallbackCrypto.signature(TOKEN, "1714036504", "1514711492"))
                .isEqualTo("f464b24fc39322e44b38aa78f5edd27bd1441696");
    }

    @Test
    void officialJsonExampleVerifiesAndDecrypts() {
        assertThat(CallbackCrypto.signature(TOKEN, "1714112445", "415670741", JSON_ENCRYPT))
                .isEqualTo("046e02f8204d34f8ba5fa3b1db94908f3df2e9b3");
        assertThat(new CallbackCrypto(KEY, JSON_APPID, random).decrypt(JSON_ENCRYPT))
                .isEqualTo(JSON_MESSAGE);
    }

    @Test
    void theOfficialExampleIsRefusedForAnotherApp() {
        assertThatThrownBy(() -> new CallbackCrypto(KEY, "wx0000000000000000", random).decrypt(JSON_ENCRYPT))
                .isInstanceOf(CallbackCrypto.Failure.class)
                .hasMessageContaining("appid");
    }

    @Test
    void signaturesCompareCaseInsensitivelyAndRefuseOthers() {
        String expected = CallbackCrypto.signature(TOKEN, "1", "2");
        assertThat(CallbackCrypto.signatureMatches(expected, expected.toUpperCase()))
                .isTrue();
        assertThat(CallbackCrypto.signatureMatches(expected, expected.substring(1)))
                .isFalse();
        assertThat(CallbackCrypto.signatureMatches(expected, null)).isFalse();
    }

    /** 0, 12 and 44 bytes of message make the plaintext (20 + message + 18-byte appid) 38, 50 and 82 bytes. */
    @ParameterizedTest
    @ValueSource(strings = {"", "hello world!", "<xml><Content><![CDATA[你好]]></Content></xml>"})
    void roundTrips(String message) {
        CallbackCrypto crypto = new CallbackCrypto(KEY, JSON_APPID, random);
        String sealed = crypto.encrypt(message);
        assertThat(Base64.getDecoder().decode(sealed).length % 32).isZero();
        assertThat(crypto.decrypt(sealed)).isEqualTo(message);
    }

    @Test
    void aPlaintextOfExactlyTwoBlocksGetsAWholeBlockOfPadding() {
        // 16 random + 4 length + 26 message + 18 appid = 64 bytes: a multiple of 32, so 32 bytes of 32 follow.
        String message = "abcdefghijklmnopqrstuvwxyz";
        CallbackCrypto crypto = new CallbackCrypto(KEY, JSON_APPID, random);
        String sealed = crypto.encrypt(message);
        byte[] raw = rawDecrypt(sealed);
        assertThat(raw).hasSize(96);
        byte[] padding = Arrays.copyOfRange(raw, 64, 96);
        byte[] expected = new byte[32];
        Arrays.fill(expected, (byte) 32);
        assertThat(padding).isEqualTo(expected);
        assertThat(crypto.decrypt(sealed)).isEqualTo(message);
    }

    @Test
    void paddingIsPkcs7WithA32ByteBlock() {
        assertThat(CallbackCrypto.pad(new byte[31])).hasSize(32).endsWith((byte) 1);
        assertThat(CallbackCrypto.pad(new byte[33])).hasSize(64).endsWith((byte) 31);
        assertThat(CallbackCrypto.pad(new byte[16])).hasSize(32).endsWith((byte) 16);
        assertThat(CallbackCrypto.pad(new byte[0])).hasSize(32).containsOnly((byte) 32);
        assertThat(CallbackCrypto.unpad(CallbackCrypto.pad(new byte[] {7, 7}))).containsExactly(7, 7);
    }

    @Test
    void paddingIsCheckedInFull() {
        byte[] padded = CallbackCrypto.pad(new byte[40]); // 24 bytes of 24
        padded[45] = 23;
        assertThatThrownBy(() -> CallbackCrypto.unpad(padded)).isInstanceOf(CallbackCrypto.Failure.class);
        byte[] tooLong = new byte[32];
        tooLong[31] = 33;
        assertThatThrownBy(() -> CallbackCrypto.unpad(tooLong)).isInstanceOf(CallbackCrypto.Failure.class);
        assertThatThrownBy(() -> CallbackCrypto.unpad(new byte[32])).isInstanceOf(CallbackCrypto.Failure.class);
    }

    @Test
    void garbageIsAFailureNotACrash() {
        CallbackCrypto crypto = new CallbackCrypto(KEY, JSON_APPID, random);
        assertThatThrownBy(() -> crypto.decrypt("not base64!")).isInstanceOf(CallbackCrypto.Failure.class);
        assertThatThrownBy(() -> crypto.decrypt(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(CallbackCrypto.Failure.class);
        assertThatThrownBy(() -> crypto.decrypt(Base64.getEncoder().encodeToString(new byte[64])))
                .isInstanceOf(CallbackCrypto.Failure.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "short",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
            })
    void keysOtherThan43Base64CharactersAreRefused(String key) {
        assertThatThrownBy(() -> new CallbackCrypto(key, JSON_APPID, random))
                .isInstanceOf(SandboxInputException.class)
                .hasMessageContaining("encodingAesKey");
    }

    private static byte[] rawDecrypt(String sealed) {
        try {
            byte[] key = Base64.getDecoder().decode(KEY + "=");
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return aes.doFinal(Base64.getDecoder().decode(sealed.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
