package dev.wxgate.adapters.wechat;

import static dev.wxgate.domain.wechat.EncryptedDataRejectedException.Reason.MALFORMED;
import static dev.wxgate.domain.wechat.EncryptedDataRejectedException.Reason.NOT_USER_DATA;
import static dev.wxgate.domain.wechat.EncryptedDataRejectedException.Reason.UNDECRYPTABLE;
import static dev.wxgate.domain.wechat.EncryptedDataRejectedException.Reason.WRONG_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.wechat.EncryptedDataCipher;
import dev.wxgate.domain.wechat.EncryptedDataRejectedException;
import dev.wxgate.domain.wechat.EncryptedDataRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WechatEncryptedDataCipherTest {

    /*
     * WeChat's own example from "开放数据校验与解密" (the demo shipped with its WXBizDataCrypt sample code, reproduced
     * verbatim by many SDK test suites). Checked independently of the JDK before it was written down here:
     *   printf %s "$ENCRYPTED_DATA" | base64 -d \
     *     | openssl enc -d -aes-128-cbc -K b628a1b4d7337f9bfa00a4728f011485 -iv afb0575ca90b6fcaab48d9f4e67d2a88
     * prints OFFICIAL_PLAINTEXT (400 bytes of ciphertext, 7 bytes of PKCS#7 padding).
     */
    private static final AppId OFFICIAL_APP = AppId.of("wx4f4bc4dec97d474b");
    private static final String OFFICIAL_SESSION_KEY = "tiihtNczf5v6AKRyjwEUhQ==";
    private static final String OFFICIAL_IV = "r7BXXKkLb8qrSNn05n0qiA==";
    private static final String OFFICIAL_ENCRYPTED_DATA = "CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNs"
            + "tNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6"
            + "ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7s"
            + "aL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J"
            + "6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0"
            + "IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew==";
    private static final String OFFICIAL_PLAINTEXT =
            "{\"openId\":\"oGZUI0egBJY1zhBYw2KhdUfwVJJE\",\"nickName\":\"Band\","
                    + "\"gender\":1,\"language\":\"zh_CN\",\"city\":\"Guangzhou\",\"province\":\"Guangdong\",\"country\":\"CN\","
                    + "\"avatarUrl\":\"http://wx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYry"
                    + "SdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0\",\"unionId\":\"ocMvos6NjeKLIBqg5Mr9QjxrP1FA\","
                    + "\"watermark\":{\"timestamp\":1477314187,\"appid\":\"wx4f4bc4dec97d474b\"}}";

    private static final AppId APP = AppId.of("wx0123456789abcdef");
    private static final String SECRET = "s3cr3t-user-data";
    private static final String USER_DATA = "{\"phoneNumber\":\"" + SECRET + "\","
            + "\"watermark\":{\"timestamp\":1714112445,\"appid\":\"" + APP.value() + "\"}}";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WechatEncryptedDataCipher cipher = new WechatEncryptedDataCipher();
    private final byte[] key = random(16);
    private final byte[] iv = random(16);
    private final SessionKey sessionKey = SessionKey.of(b64(key));

    @Test
    void opensWechatsOfficialExample() {
        String opened =
                cipher.decrypt(OFFICIAL_APP, SessionKey.of(OFFICIAL_SESSION_KEY), OFFICIAL_ENCRYPTED_DATA, OFFICIAL_IV);

        assertThat(opened).isEqualTo(OFFICIAL_PLAINTEXT);
    }

    @Test
    void officialExampleOpenedForAnotherAppIsWrongApp() {
        EncryptedDataRejectedException rejected = rejection(
                () -> cipher.decrypt(APP, SessionKey.of(OFFICIAL_SESSION_KEY), OFFICIAL_ENCRYPTED_DATA, OFFICIAL_IV));

        assertThat(rejected.reason()).isEqualTo(WRONG_APP);
        assertRevealsNothing(rejected, OFFICIAL_PLAINTEXT, OFFICIAL_SESSION_KEY, OFFICIAL_IV);
        assertThat(rejected.getMessage()).doesNotContain(OFFICIAL_APP.value());
    }

    @Test
    void officialExampleUnderAnotherKeyIsUndecryptable() {
        EncryptedDataRejectedException rejected = rejection(() -> cipher.decrypt(
                OFFICIAL_APP, SessionKey.of("HyVFkGl5F5OQWJZZaNzBBg=="), OFFICIAL_ENCRYPTED_DATA, OFFICIAL_IV));

        assertThat(rejected.reason()).isEqualTo(UNDECRYPTABLE);
    }

    @Test
    void officialExampleWithAnotherIvIsUndecryptable() {
        // Only the first block changes (CBC), so the padding stays valid: the garbled start must still be refused.
        EncryptedDataRejectedException rejected = rejection(() -> cipher.decrypt(
                OFFICIAL_APP,
                SessionKey.of(OFFICIAL_SESSION_KEY),
                OFFICIAL_ENCRYPTED_DATA,
                "AAECAwQFBgcICQoLDA0ODw=="));

        assertThat(rejected.reason()).isEqualTo(UNDECRYPTABLE);
        assertRevealsNothing(rejected, OFFICIAL_PLAINTEXT, OFFICIAL_SESSION_KEY, OFFICIAL_IV);
    }

    @Test
    void roundTripsWhatTheSessionKeyEncrypted() {
        String opened = cipher.decrypt(APP, sessionKey, encrypt(USER_DATA), b64(iv));

        assertThat(opened).isEqualTo(USER_DATA);
    }

    @Test
    void answersTheWatermarksTimeWithTheData() {
        EncryptedDataCipher.Opened opened =
                cipher.open(OFFICIAL_APP, SessionKey.of(OFFICIAL_SESSION_KEY), OFFICIAL_ENCRYPTED_DATA, OFFICIAL_IV);

        assertThat(opened.json()).isEqualTo(OFFICIAL_PLAINTEXT);
        assertThat(opened.watermarkedAt()).isEqualTo(java.time.Instant.ofEpochSecond(1477314187));
    }

    @Test
    void roundTripsNonAsciiUserData() {
        String data = "{\"nickName\":\"微信用户 😀\",\"watermark\":{\"timestamp\":1,\"appid\":\"" + APP.value() + "\"}}";

        assertThat(cipher.decrypt(APP, sessionKey, encrypt(data), b64(iv))).isEqualTo(data);
    }

    @ParameterizedTest(name = "pad length {0}")
    @MethodSource("padLengths")
    void acceptsEveryPadLengthFromOneToSixteen(int padLength) {
        String data = dataWithPadLength(padLength);
        byte[] ciphertext = encryptRaw(pkcs7(data.getBytes(StandardCharsets.UTF_8), padLength));

        assertThat(cipher.decrypt(APP, sessionKey, b64(ciphertext), b64(iv))).isEqualTo(data);
    }

    @Test
    void wrongKeyIsUndecryptable() {
        String encrypted = encrypt(USER_DATA);
        Set<String> messages = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            SessionKey other = SessionKey.of(b64(random(16)));
            EncryptedDataRejectedException rejected = rejection(() -> cipher.decrypt(APP, other, encrypted, b64(iv)));
            assertThat(rejected.reason()).isEqualTo(UNDECRYPTABLE);
            assertRevealsNothing(rejected, USER_DATA, other.reveal(), b64(iv));
            messages.add(rejected.getMessage());
        }
        assertThat(messages).hasSize(1);
    }

    @Test
    void wrongIvIsUndecryptable() {
        String encrypted = encrypt(USER_DATA);
        for (int i = 0; i < 20; i++) {
            String otherIv = b64(random(16));
            EncryptedDataRejectedException rejected =
                    rejection(() -> cipher.decrypt(APP, sessionKey, encrypted, otherIv));
            assertThat(rejected.reason()).isEqualTo(UNDECRYPTABLE);
            assertRevealsNothing(rejected, USER_DATA, sessionKey.reveal(), otherIv);
        }
    }

    @Test
    void tamperedLastBlockIsUndecryptable() {
        byte[] ciphertext = Base64.getDecoder().decode(encrypt(USER_DATA));
        for (int position = ciphertext.length - 16; position < ciphertext.length; position++) {
            byte[] tampered = ciphertext.clone();
            tampered[position] ^= 0x01;

            EncryptedDataRejectedException rejected =
                    rejection(() -> cipher.decrypt(APP, sessionKey, b64(tampered), b64(iv)));

            assertThat(rejected.reason()).as("byte %d flipped", position).isEqualTo(UNDECRYPTABLE);
        }
    }

    @Test
    void tamperedPaddingByteIsUndecryptable() {
        // Flipping a bit of the second-to-last block flips the same bit of the last plaintext block: the last pad
        // byte, here, which turns a valid pad into an invalid one.
        byte[] ciphertext = Base64.getDecoder().decode(encrypt(USER_DATA));
        byte[] tampered = ciphertext.clone();
        tampered[tampered.length - 17] ^= 0x20;

        assertThat(rejection(() -> cipher.decrypt(APP, sessionKey, b64(tampered), b64(iv)))
                        .reason())
                .isEqualTo(UNDECRYPTABLE);
    }

    /** Each pad byte wrong in turn, for every pad length: a check of the last byte alone would accept all of these. */
    @ParameterizedTest(name = "pad length {0}, byte {1} from the end wrong")
    @MethodSource("everyPadByte")
    void everyPadByteIsChecked(int padLength, int wrongByteFromEnd) {
        byte[] padded = pkcs7(dataWithPadLength(padLength).getBytes(StandardCharsets.UTF_8), padLength);
        padded[padded.length - wrongByteFromEnd] ^= 0x5a;

        EncryptedDataRejectedException rejected =
                rejection(() -> cipher.decrypt(APP, sessionKey, b64(encryptRaw(padded)), b64(iv)));

        assertThat(rejected.reason()).isEqualTo(UNDECRYPTABLE);
        assertThat(rejected.getMessage()).isEqualTo(undecryptableMessage());
    }

    @ParameterizedTest(name = "last byte {0}")
    @ValueSource(ints = {0x00, 0x11, 0x20, 0x7f, 0x80, 0xff})
    void padLengthOutsideOneToSixteenIsUndecryptable(int lastByte) {
        byte[] block = new byte[32];
        Arrays.fill(block, (byte) lastByte);

        EncryptedDataRejectedException rejected =
                rejection(() -> cipher.decrypt(APP, sessionKey, b64(encryptRaw(block)), b64(iv)));

        assertThat(rejected.reason()).isEqualTo(UNDECRYPTABLE);
        assertThat(rejected.getMessage()).isEqualTo(undecryptableMessage());
    }

    @Test
    void aWholeBlockOfPaddingAndNothingElseIsUndecryptable() {
        byte[] onlyPadding = new byte[16];
        Arrays.fill(onlyPadding, (byte) 16);

        assertThat(rejection(() -> cipher.decrypt(APP, sessionKey, b64(encryptRaw(onlyPadding)), b64(iv)))
                        .reason())
                .isEqualTo(UNDECRYPTABLE);
    }

    @Test
    void padLengthCheckLooksAtExactlyThePadBytes() {
        for (int pad = 1; pad <= 16; pad++) {
            byte[] block = new byte[16];
            Arrays.fill(block, (byte) 'x');
            Arrays.fill(block, 16 - pad, 16, (byte) pad);
            assertThat(WechatEncryptedDataCipher.validPadLength(block)).isEqualTo(pad);
            for (int wrong = 1; wrong <= pad; wrong++) {
                byte[] broken = block.clone();
                broken[16 - wrong] = (byte) (pad + 1);
                assertThat(WechatEncryptedDataCipher.validPadLength(broken)).isZero();
            }
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 15, 17, 31, 33, 399})
    void ciphertextNotAMultipleOfSixteenBytesIsMalformed(int length) {
        assertReason(MALFORMED, () -> cipher.decrypt(APP, sessionKey, b64(random(length)), b64(iv)));
    }

    @Test
    void emptyEncryptedDataIsMalformed() {
        assertReason(MALFORMED, () -> cipher.decrypt(APP, sessionKey, "", b64(iv)));
        assertReason(MALFORMED, () -> cipher.decrypt(APP, sessionKey, null, b64(iv)));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("notStandardBase64")
    void encryptedDataThatIsNotStandardBase64IsMalformed(String encryptedData) {
        assertReason(MALFORMED, () -> cipher.decrypt(APP, sessionKey, encryptedData, b64(iv)));
    }

    @Test
    void encryptedDataUpToTheSizeLimitIsOpened() {
        int plaintextBytes = WechatEncryptedDataCipher.MAX_ENCRYPTED_DATA_CHARS / 4 * 3 - 1;
        String head = "{\"watermark\":{\"timestamp\":1,\"appid\":\"" + APP.value() + "\"},\"filler\":\"";
        String data = head + "x".repeat(plaintextBytes - head.length() - 2) + "\"}";
        String encrypted = encrypt(data);
        assertThat(encrypted).hasSize(WechatEncryptedDataCipher.MAX_ENCRYPTED_DATA_CHARS);

        assertThat(cipher.decrypt(APP, sessionKey, encrypted, b64(iv))).isEqualTo(data);
    }

    @Test
    void encryptedDataOverTheSizeLimitIsMalformedBeforeAnyWork() {
        String oversized = "A".repeat(WechatEncryptedDataCipher.MAX_ENCRYPTED_DATA_CHARS + 4);

        assertReason(MALFORMED, () -> cipher.decrypt(APP, sessionKey, oversized, b64(iv)));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 8, 15, 17, 32})
    void ivThatIsNotSixteenBytesIsMalformed(int length) {
        String encrypted = encrypt(USER_DATA);

        EncryptedDataRejectedException rejected =
                rejection(() -> cipher.decrypt(APP, sessionKey, encrypted, b64(random(length))));

        assertThat(rejected.reason()).isEqualTo(MALFORMED);
        assertThat(rejected.getMessage()).contains("iv");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("notStandardBase64Iv")
    void ivThatIsNotStandardBase64IsMalformed(String badIv) {
        String encrypted = encrypt(USER_DATA);

        assertReason(MALFORMED, () -> cipher.decrypt(APP, sessionKey, encrypted, badIv));
    }

    @Test
    void plaintextThatIsNotJsonIsUndecryptable() {
        assertUndecryptablePlaintext("hello, world: not JSON at all");
        assertUndecryptablePlaintext("{\"watermark\":{\"timestamp\":1,\"appid\":\"" + APP.value() + "\"}");
    }

    @Test
    void plaintextThatIsNotUtf8IsUndecryptable() {
        byte[] latin1 = ("{\"nickName\":\"caf\u00e9\",\"watermark\":{\"timestamp\":1,\"appid\":\"" + APP.value()
                        + "\"}}")
                .getBytes(StandardCharsets.ISO_8859_1);

        EncryptedDataRejectedException rejected =
                rejection(() -> cipher.decrypt(APP, sessionKey, b64(encryptBytes(latin1)), b64(iv)));

        assertThat(rejected.reason()).isEqualTo(UNDECRYPTABLE);
        assertThat(rejected.getMessage()).isEqualTo(undecryptableMessage());
    }

    @Test
    void jsonThatIsNotAnObjectIsUndecryptable() {
        assertUndecryptablePlaintext("[{\"watermark\":{\"timestamp\":1,\"appid\":\"" + APP.value() + "\"}}]");
        assertUndecryptablePlaintext("\"just a string\"");
        assertUndecryptablePlaintext("1477314187");
        assertUndecryptablePlaintext("null");
    }

    @Test
    void jsonWithTrailingContentIsUndecryptable() {
        String object = "{\"watermark\":{\"timestamp\":1,\"appid\":\"" + APP.value() + "\"}}";

        assertUndecryptablePlaintext(object + " {}");
        assertUndecryptablePlaintext(object + "x");
    }

    @Test
    void jsonWithADuplicateWatermarkIsUndecryptable() {
        assertUndecryptablePlaintext("{\"watermark\":{\"timestamp\":1,\"appid\":\"wx1111111111111111\"},"
                + "\"watermark\":{\"timestamp\":1,\"appid\":\"" + APP.value() + "\"}}");
    }

    @Test
    void jsonNestedBeyondTheLimitIsUndecryptable() {
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);

        assertUndecryptablePlaintext(deep.substring(0, deep.length() - 1)
                + ",\"watermark\":{\"timestamp\":1,\"appid\":\"" + APP.value() + "\"}}");
    }

    @Test
    void objectWithoutWatermarkIsNotUserData() {
        assertPlaintextRejected(NOT_USER_DATA, "{\"phoneNumber\":\"" + SECRET + "\"}");
        assertPlaintextRejected(NOT_USER_DATA, "{\"phoneNumber\":\"" + SECRET + "\",\"watermark\":\"" + APP + "\"}");
        assertPlaintextRejected(NOT_USER_DATA, "{\"phoneNumber\":\"" + SECRET + "\",\"watermark\":null}");
    }

    @Test
    void watermarkWithoutAppidIsNotUserData() {
        assertPlaintextRejected(NOT_USER_DATA, "{\"phoneNumber\":\"" + SECRET + "\",\"watermark\":{\"timestamp\":1}}");
        assertPlaintextRejected(
                NOT_USER_DATA, "{\"phoneNumber\":\"" + SECRET + "\",\"watermark\":{\"timestamp\":1,\"appid\":7}}");
    }

    @Test
    void watermarkWithoutANumericTimestampIsNotUserData() {
        String app = "\"appid\":\"" + APP.value() + "\"";
        assertPlaintextRejected(NOT_USER_DATA, "{\"phoneNumber\":\"" + SECRET + "\",\"watermark\":{" + app + "}}");
        assertPlaintextRejected(
                NOT_USER_DATA,
                "{\"phoneNumber\":\"" + SECRET + "\",\"watermark\":{\"timestamp\":\"1714112445\"," + app + "}}");
        assertPlaintextRejected(
                NOT_USER_DATA,
                "{\"phoneNumber\":\"" + SECRET + "\",\"watermark\":{\"timestamp\":17141.5," + app + "}}");
        assertPlaintextRejected(
                NOT_USER_DATA, "{\"phoneNumber\":\"" + SECRET + "\",\"watermark\":{\"timestamp\":-1," + app + "}}");
    }

    @Test
    void watermarkOfAnotherAppIsWrongApp() {
        String other = "wxfedcba9876543210";

        EncryptedDataRejectedException rejected = assertPlaintextRejected(
                WRONG_APP,
                "{\"phoneNumber\":\"" + SECRET + "\",\"watermark\":{\"timestamp\":1,\"appid\":\"" + other + "\"}}");

        assertThat(rejected.getMessage()).doesNotContain(other).doesNotContain(APP.value());
    }

    @Test
    void watermarkAppidIsComparedExactly() {
        assertPlaintextRejected(
                WRONG_APP,
                "{\"watermark\":{\"timestamp\":1,\"appid\":\"" + APP.value().toUpperCase() + "\"}}");
        assertPlaintextRejected(WRONG_APP, "{\"watermark\":{\"timestamp\":1,\"appid\":\" " + APP.value() + "\"}}");
    }

    @Test
    void everyUndecryptableAnswerIsTheSame() {
        Set<String> messages = new HashSet<>();
        byte[] badPad = pkcs7(dataWithPadLength(5).getBytes(StandardCharsets.UTF_8), 5);
        badPad[badPad.length - 3] ^= 1;
        List<Runnable> failures = List.of(
                () -> cipher.decrypt(APP, SessionKey.of(b64(random(16))), encrypt(USER_DATA), b64(iv)),
                () -> cipher.decrypt(APP, sessionKey, encrypt(USER_DATA), b64(random(16))),
                () -> cipher.decrypt(APP, sessionKey, b64(encryptRaw(badPad)), b64(iv)),
                () -> cipher.decrypt(APP, sessionKey, encrypt("not json"), b64(iv)),
                () -> cipher.decrypt(APP, sessionKey, encrypt("[1,2,3]"), b64(iv)),
                () -> cipher.decrypt(APP, sessionKey, b64(encryptBytes(new byte[] {(byte) 0xc3, 0x28})), b64(iv)));
        for (Runnable failure : failures) {
            EncryptedDataRejectedException rejected = rejection(failure::run);
            assertThat(rejected.reason()).isEqualTo(UNDECRYPTABLE);
            messages.add(rejected.getMessage());
        }
        assertThat(messages).containsExactly(undecryptableMessage());
    }

    @Test
    void noRejectionCarriesACauseOrSecret() {
        String encrypted = encrypt(USER_DATA);
        List<Runnable> failures = List.of(
                () -> cipher.decrypt(APP, SessionKey.of(b64(random(16))), encrypted, b64(iv)),
                () -> cipher.decrypt(AppId.of("wxfedcba9876543210"), sessionKey, encrypted, b64(iv)),
                () -> cipher.decrypt(APP, sessionKey, encrypted.substring(4), b64(iv)),
                () -> cipher.decrypt(APP, sessionKey, encrypted, b64(iv).substring(1)),
                () -> cipher.decrypt(APP, sessionKey, encrypt("{\"phoneNumber\":\"" + SECRET + "\"}"), b64(iv)),
                () -> cipher.decrypt(APP, sessionKey, encrypt("{\"phoneNumber\":\"" + SECRET + "\""), b64(iv)));
        for (Runnable failure : failures) {
            EncryptedDataRejectedException rejected = rejection(failure::run);
            assertRevealsNothing(rejected, USER_DATA, sessionKey.reveal(), b64(iv));
            assertThat(rejected.getCause()).isNull();
        }
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        String encrypted = encrypt(USER_DATA);
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 400; i++) {
                results.add(threads.submit(() -> cipher.decrypt(APP, sessionKey, encrypted, b64(iv))));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo(USER_DATA);
            }
        }
    }

    static IntStream padLengths() {
        return IntStream.rangeClosed(1, 16);
    }

    static Stream<Arguments> everyPadByte() {
        return IntStream.rangeClosed(1, 16).boxed().flatMap(pad -> IntStream.rangeClosed(1, pad)
                .mapToObj(wrong -> Arguments.of(pad, wrong)));
    }

    static Stream<String> notStandardBase64() {
        String valid = b64(random(32));
        return Stream.of(
                "not base64!",
                "****************",
                valid.substring(0, 20) + " " + valid.substring(21),
                valid.substring(0, 22) + "\n" + valid.substring(22),
                " " + valid,
                valid + "\n",
                // URL-safe alphabet: WeChat sends standard base64, so '-' and '_' mean someone re-encoded it.
                b64url(withUrlSafeCharacters()),
                // Missing padding and stray bits after the last byte: the same bytes spelled another way.
                valid.replace("=", ""),
                nonCanonicalTail(valid),
                "====");
    }

    static Stream<String> notStandardBase64Iv() {
        String valid = b64(random(16));
        return Stream.of(
                null,
                "",
                "not an iv",
                valid.replace("=", ""),
                nonCanonicalTail(valid),
                valid.substring(0, 10) + " " + valid.substring(11),
                b64url(withUrlSafeCharacters()).substring(0, 22) + "==",
                "A".repeat(100));
    }

    private static byte[] withUrlSafeCharacters() {
        // 0xfb 0xff bytes encode to characters 62 and 63, which the two alphabets spell differently.
        byte[] bytes = new byte[48];
        Arrays.fill(bytes, (byte) 0xfb);
        bytes[1] = (byte) 0xff;
        return bytes;
    }

    /** The same bytes, but with a non-zero unused bit before the padding. */
    private static String nonCanonicalTail(String canonical) {
        int last = canonical.indexOf('=') - 1;
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        int value = alphabet.indexOf(canonical.charAt(last));
        return canonical.substring(0, last) + alphabet.charAt(value ^ 1) + canonical.substring(last + 1);
    }

    /** A watermarked JSON object whose UTF-8 length leaves exactly {@code padLength} bytes of PKCS#7 padding. */
    private static String dataWithPadLength(int padLength) {
        String head = "{\"watermark\":{\"timestamp\":1,\"appid\":\"" + APP.value() + "\"},\"f\":\"";
        String tail = "\"}";
        int length = head.length() + tail.length();
        int filler = (16 - (length + padLength) % 16) % 16;
        String data = head + "y".repeat(filler) + tail;
        assertThat(16 - data.length() % 16).isEqualTo(padLength);
        return data;
    }

    private static byte[] pkcs7(byte[] data, int padLength) {
        byte[] padded = Arrays.copyOf(data, data.length + padLength);
        Arrays.fill(padded, data.length, padded.length, (byte) padLength);
        return padded;
    }

    private String encrypt(String plaintext) {
        return b64(encryptBytes(plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    /** JCE's PKCS5Padding is PKCS#7 for AES's 16-byte block: the padding WeChat uses. */
    private byte[] encryptBytes(byte[] plaintext) {
        return aes("AES/CBC/PKCS5Padding", plaintext);
    }

    /** Encrypts bytes already padded by the test, so the test decides every pad byte. */
    private byte[] encryptRaw(byte[] padded) {
        return aes("AES/CBC/NoPadding", padded);
    }

    private byte[] aes(String transformation, byte[] input) {
        try {
            Cipher aes = Cipher.getInstance(transformation);
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return aes.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertUndecryptablePlaintext(String plaintext) {
        EncryptedDataRejectedException rejected = assertPlaintextRejected(UNDECRYPTABLE, plaintext);
        assertThat(rejected.getMessage()).isEqualTo(undecryptableMessage());
    }

    private EncryptedDataRejectedException assertPlaintextRejected(Reason reason, String plaintext) {
        EncryptedDataRejectedException rejected =
                rejection(() -> cipher.decrypt(APP, sessionKey, encrypt(plaintext), b64(iv)));
        assertThat(rejected.reason()).as("reason for %s", reason).isEqualTo(reason);
        assertRevealsNothing(rejected, plaintext, sessionKey.reveal(), b64(iv));
        return rejected;
    }

    private static void assertReason(Reason reason, Runnable call) {
        assertThat(rejection(call::run).reason()).isEqualTo(reason);
    }

    private static void assertRevealsNothing(
            EncryptedDataRejectedException rejected, String plaintext, String sessionKey, String iv) {
        String shown = rejected.getMessage() + " " + rejected;
        assertThat(shown).doesNotContain(sessionKey).doesNotContain(iv).doesNotContain(SECRET);
        // No run of the plaintext longer than a word may appear (the messages name fields, never values).
        for (int i = 0; i + 12 <= plaintext.length(); i++) {
            assertThat(shown).doesNotContain(plaintext.substring(i, i + 12));
        }
    }

    private static String undecryptableMessage() {
        return "encryptedData does not decrypt with this session's key";
    }

    private static EncryptedDataRejectedException rejection(ThrowingCall call) {
        EncryptedDataRejectedException rejected = catchThrowableOfType(EncryptedDataRejectedException.class, call::run);
        assertThat(rejected).as("an EncryptedDataRejectedException").isNotNull();
        return rejected;
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run();
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().encodeToString(bytes);
    }
}
