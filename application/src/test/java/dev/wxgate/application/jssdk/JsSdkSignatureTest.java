package dev.wxgate.application.jssdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The wx.config signature against WeChat's published example and an independent computation. */
class JsSdkSignatureTest {
    // WeChat's JS-SDK documentation, appendix 1 ("JS-SDK使用权限签名算法"), worked example.
    private static final String TICKET =
            "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";
    private static final String NONCE = "Wm3WZYTPz0wzccnW";
    private static final long TIMESTAMP = 1414587457;
    private static final String URL = "http://mp.weixin.qq.com?params=value";

    @Test
    void matchesWechatsPublishedExample() {
        assertThat(JsSdkSignature.sign(TICKET, NONCE, TIMESTAMP, URL))
                .isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
    }

    @Test
    void matchesAnIndependentComputationForAnotherPage() throws Exception {
        String url = "https://h5.example.com/orders/42?from=singlemessage&isappinstalled=0";
        String plain = "jsapi_ticket=" + TICKET + "&noncestr=abc123&timestamp=1700000000&url=" + url;
        String expected = String.format(
                "%040x",
                new BigInteger(1, MessageDigest.getInstance("SHA-1").digest(plain.getBytes(StandardCharsets.UTF_8))));

        assertThat(JsSdkSignature.sign(TICKET, "abc123", 1700000000, url)).isEqualTo(expected);
    }

    @Test
    void theSignedUrlIsThePageUrlWithoutItsFragment() {
        PageUrl page = PageUrl.parse(URL + "#wechat_redirect");

        assertThat(page.value()).isEqualTo(URL);
        assertThat(JsSdkSignature.sign(TICKET, NONCE, TIMESTAMP, page.value()))
                .isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
    }
}
