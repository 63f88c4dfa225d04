package dev.wxgate.benchmarks.jmh;

import dev.wxgate.adapters.wechat.WechatMessageCrypto;
import dev.wxgate.domain.callback.CallbackSignature;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: what a safe-mode callback costs in crypto before any I/O: checking {@code msg_signature} (SHA-1 over the sorted
 * parts, compared in constant time), opening the {@code Encrypt} value (AES-256-CBC, 32-byte PKCS#7 checked in full,
 * appid), and sealing an encrypted reply.
 */
@State(Scope.Benchmark)
public class CallbackCryptoBenchmark {
    static final String TOKEN = "wxgatesandbox";
    static final String AES_KEY = "wxgateSandboxEncodingAesKey0123456789abcdeg";
    static final String APP = "wxa1b2c3d4e5f60002";

    private WechatMessageCrypto crypto;
    private String message;
    private String encrypted;
    private String signature;
    private final String timestamp = "1764000000";
    private final String nonce = "1320562132";

    @Setup
    public void setUp() {
        crypto = new WechatMessageCrypto(AES_KEY, APP);
        message = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>"
                + "<FromUserName><![CDATA[oBenchUser]]></FromUserName><CreateTime>1764000000</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello from the benchmark]]></Content>"
                + "<MsgId>24602000000000001</MsgId></xml>";
        encrypted = crypto.encrypt(message);
        signature = CallbackSignature.of(TOKEN, timestamp, nonce, encrypted);
    }

    @Benchmark
    public boolean verifyMsgSignature() {
        return CallbackSignature.matches(signature, TOKEN, timestamp, nonce, encrypted);
    }

    @Benchmark
    public String decryptMessage() {
        return crypto.decrypt(encrypted);
    }

    @Benchmark
    public String encryptReply() {
        return crypto.encrypt(message);
    }
}
