package dev.wxgate.benchmarks.jmh;

import dev.wxgate.adapters.wechat.WechatEncryptedDataCipher;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.SessionKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: opening a mini-program's {@code encryptedData} (AES-128-CBC under the session_key, padding checked in constant
 * time, strict base64, the JSON parsed and its watermark checked), on a payload the size of WeChat's user info.
 */
@State(Scope.Benchmark)
public class EncryptedDataBenchmark {
    private static final AppId APP = AppId.of("wxa1b2c3d4e5f60001");

    private final WechatEncryptedDataCipher cipher = new WechatEncryptedDataCipher();
    private SessionKey sessionKey;
    private String encryptedData;
    private String iv;

    @Setup
    public void setUp() throws GeneralSecurityException {
        byte[] key = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] ivBytes = "fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        sessionKey = SessionKey.of(Base64.getEncoder().encodeToString(key));
        iv = Base64.getEncoder().encodeToString(ivBytes);
        String json = "{\"openId\":\"oBenchUser0000000000000000001\",\"nickName\":\"Band\",\"gender\":1,"
                + "\"language\":\"zh_CN\",\"city\":\"Guangzhou\",\"province\":\"Guangdong\",\"country\":\"CN\","
                + "\"avatarUrl\":\"https://thirdwx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0\","
                + "\"unionId\":\"ocMvos6NjeKLIBqg5Mr9QjxrP1FA\","
                + "\"watermark\":{\"timestamp\":1764000000,\"appid\":\"wxa1b2c3d4e5f60001\"}}";
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(ivBytes));
        encryptedData = Base64.getEncoder().encodeToString(aes.doFinal(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Benchmark
    public String decrypt() {
        return cipher.decrypt(APP, sessionKey, encryptedData, iv);
    }
}
