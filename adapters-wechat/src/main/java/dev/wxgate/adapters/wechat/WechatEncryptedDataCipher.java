package dev.wxgate.adapters.wechat;

import static dev.wxgate.domain.wechat.EncryptedDataRejectedException.Reason.MALFORMED;
import static dev.wxgate.domain.wechat.EncryptedDataRejectedException.Reason.NOT_USER_DATA;
import static dev.wxgate.domain.wechat.EncryptedDataRejectedException.Reason.UNDECRYPTABLE;
import static dev.wxgate.domain.wechat.EncryptedDataRejectedException.Reason.WRONG_APP;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.wechat.EncryptedDataCipher;
import dev.wxgate.domain.wechat.EncryptedDataRejectedException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adapter: opens WeChat's {@code encryptedData} (AES-128-CBC under the session_key, with {@link WechatAes}, the cipher
 * the callback messages share) and accepts it only as a JSON object watermarked for the app.
 */
public final class WechatEncryptedDataCipher implements EncryptedDataCipher {
    /** The largest encryptedData accepted, in base64 characters; WeChat's payloads are a few hundred. */
    public static final int MAX_ENCRYPTED_DATA_CHARS = 64 * 1024;

    private static final int BLOCK = 16;
    private static final int MAX_IV_CHARS = 64;

    /*
     * Every failure between the ciphertext and a parsed JSON object answers with this one reason and message: bad
     * padding, a wrong key or iv, bytes that are not UTF-8, text that is not one JSON object. Telling "padding wrong"
     * from "padding right but content garbage" apart is exactly the oracle that lets a caller decrypt, or forge, data
     * under a key it never sees. Only a real JSON object (which garbage does not become) earns a more specific reason.
     */
    private static final String UNDECRYPTABLE_MESSAGE = "encryptedData does not decrypt with this session's key";

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(MAX_ENCRYPTED_DATA_CHARS)
                            .maxNestingDepth(32)
                            .maxStringLength(MAX_ENCRYPTED_DATA_CHARS)
                            .maxNameLength(256)
                            .maxNumberLength(64)
                            .maxTokenCount(16_384)
                            .build())
                    // Two "watermark" members could make us check one and the consumer read the other.
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public WechatEncryptedDataCipher() {}

    @Override
    public Opened open(AppId appId, SessionKey sessionKey, String encryptedData, String iv) {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(sessionKey, "sessionKey");
        byte[] ciphertext = ciphertext(encryptedData);
        byte[] ivBytes = iv(iv);
        String json = plaintext(sessionKey, ciphertext, ivBytes);
        return new Opened(json, Instant.ofEpochSecond(checkWatermark(appId, json)));
    }

    private static byte[] ciphertext(String encryptedData) {
        if (encryptedData == null || encryptedData.length() > MAX_ENCRYPTED_DATA_CHARS) {
            throw rejected(
                    MALFORMED,
                    "encryptedData must be standard base64 of at most " + MAX_ENCRYPTED_DATA_CHARS + " characters");
        }
        byte[] bytes = strictBase64(encryptedData);
        if (bytes == null) {
            throw rejected(MALFORMED, "encryptedData must be standard base64 (A-Z a-z 0-9 + /, padded with =)");
        }
        if (bytes.length == 0 || bytes.length % BLOCK != 0) {
            throw rejected(MALFORMED, "encryptedData must decode to a positive multiple of 16 bytes");
        }
        return bytes;
    }

    private static byte[] iv(String iv) {
        byte[] bytes = iv == null || iv.length() > MAX_IV_CHARS ? null : strictBase64(iv);
        if (bytes == null || bytes.length != BLOCK) {
            throw rejected(MALFORMED, "iv must be standard base64 of 16 bytes");
        }
        return bytes;
    }

    /**
     * The bytes, or null unless {@code text} is the canonical standard base64 of them: the JDK's decoder also takes
     * missing padding and stray bits after the last byte, so one ciphertext would have many spellings.
     */
    private static byte[] strictBase64(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        return Base64.getEncoder().encodeToString(bytes).equals(text) ? bytes : null;
    }

    private static String plaintext(SessionKey sessionKey, byte[] ciphertext, byte[] iv) {
        byte[] key = sessionKey.aesKey();
        byte[] padded;
        try {
            padded = WechatAes.crypt(Cipher.DECRYPT_MODE, key, iv, ciphertext);
        } catch (GeneralSecurityException failed) {
            throw rejected(UNDECRYPTABLE, UNDECRYPTABLE_MESSAGE);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        try {
            int length = padded.length - validPadLength(padded);
            if (length <= 0) {
                throw rejected(UNDECRYPTABLE, UNDECRYPTABLE_MESSAGE);
            }
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(padded, 0, length))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            throw rejected(UNDECRYPTABLE, UNDECRYPTABLE_MESSAGE);
        } finally {
            Arrays.fill(padded, (byte) 0);
        }
    }

    /** The PKCS#7 pad length (1..16) if every pad byte equals it, else 0, in constant time. */
    static int validPadLength(byte[] padded) {
        return WechatAes.padLength(padded, BLOCK);
    }

    /** The watermark's timestamp, in epoch seconds, once its appid is {@code appId}'s. */
    private static long checkWatermark(AppId appId, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException notJson) {
            throw rejected(UNDECRYPTABLE, UNDECRYPTABLE_MESSAGE);
        }
        if (root == null || !root.isObject()) {
            throw rejected(UNDECRYPTABLE, UNDECRYPTABLE_MESSAGE);
        }
        JsonNode watermark = root.get("watermark");
        if (watermark == null || !watermark.isObject()) {
            throw rejected(NOT_USER_DATA, "the decrypted data carries no watermark");
        }
        JsonNode appid = watermark.get("appid");
        if (appid == null || !appid.isString()) {
            throw rejected(NOT_USER_DATA, "the decrypted data's watermark names no appid");
        }
        if (!appid.stringValue().equals(appId.value())) {
            throw rejected(WRONG_APP, "the decrypted data is watermarked for another app");
        }
        JsonNode timestamp = watermark.get("timestamp");
        if (timestamp == null
                || !timestamp.isIntegralNumber()
                || !timestamp.canConvertToLong()
                || timestamp.longValue() < 0
                || timestamp.longValue() > Instant.MAX.getEpochSecond()) {
            throw rejected(NOT_USER_DATA, "the decrypted data's watermark has no timestamp");
        }
        return timestamp.longValue();
    }

    private static EncryptedDataRejectedException rejected(EncryptedDataRejectedException.Reason reason, String msg) {
        return new EncryptedDataRejectedException(reason, msg);
    }
}
