package dev.wxgate.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.callback.WechatPush.Reply;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/**
 * WeChat's published callback examples, sent to wxgate over HTTP exactly as published (token AAAAA, key 43 × A). They
 * are from 2024: wxgate's clock is set to each example's own timestamp, so the window and the signatures are both
 * checked as they would have been then.
 */
@SpringBootTest(
        classes = {dev.wxgate.bootstrap.WxgateApplication.class, OfficialCallbackExamplesTest.ExampleTime.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.wechat.base-url=http://127.0.0.1:9",
            "wxgate.apps[0].app-id=wx134c8103faa5a59e",
            "wxgate.apps[0].secret=0123456789abcdef0123456789abcdef",
            "wxgate.apps[0].callback.token=AAAAA",
            "wxgate.apps[0].callback.encoding-aes-key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "wxgate.apps[1].app-id=wxba5fad812f8e6fb9",
            "wxgate.apps[1].secret=0123456789abcdef0123456789abcdef",
            "wxgate.apps[1].callback.token=AAAAA",
            "wxgate.apps[1].callback.encoding-aes-key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        })
@ActiveProfiles("test")
class OfficialCallbackExamplesTest {
    private static final String XML_ENCRYPT =
            "D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8Ke"
                    + "nVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0ME"
                    + "A4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSb"
                    + "TcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8"
                    + "mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==";
    private static final String JSON_ENCRYPT =
            "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv"
                    + "6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSq"
                    + "FIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=";

    @LocalServerPort
    int port;

    @Autowired
    CallbackLog callbackLog;

    @Autowired
    MutableClock clock;

    /** wxgate's one clock, set by the tests. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ExampleTime {
        @Bean
        @Primary
        MutableClock exampleClock() {
            return new MutableClock(Instant.ofEpochSecond(1714036504));
        }
    }

    @Test
    void theUrlVerificationExampleIsAnsweredAtItsOwnTimeAndOnlyOnce() {
        WechatPush wechat = new WechatPush(port);
        String example = "signature=f464b24fc39322e44b38aa78f5edd27bd1441696&echostr=4375120948345356249"
                + "&timestamp=1714036504&nonce=1514711492";

        clock.set(Instant.ofEpochSecond(1714036504 + 301));
        Reply late = wechat.get("wx134c8103faa5a59e", example);
        clock.set(Instant.ofEpochSecond(1714036504));
        Reply reply = wechat.get("wx134c8103faa5a59e", example);
        Reply again = wechat.get("wx134c8103faa5a59e", example);

        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().path("error").asString()).isEqualTo("stale_timestamp");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("4375120948345356249");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("error").asString()).isEqualTo("replayed_nonce");
    }

    @Test
    void theSafeModeXmlAndJsonExamplesAreAcceptedAndRecorded() {
        WechatPush wechat = new WechatPush(port);
        clock.set(Instant.ofEpochSecond(1715943329));
        Reply xml = wechat.post(
                "wx134c8103faa5a59e",
                "signature=cc0c594499c1634947d5b502f158ee518947db27&timestamp=1715943329&nonce=1590219412"
                        + "&openid=o9AgO5Kd5ggOC-bXrbNODIiE3bGY&encrypt_type=aes"
                        + "&msg_signature=6c12a4205838198b8fa631b3220723bb07f1015c",
                "<xml>\n    <ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n    <Encrypt><![CDATA[" + XML_ENCRYPT
                        + "]]></Encrypt>\n</xml>");
        clock.set(Instant.ofEpochSecond(1714112445));
        Reply json = wechat.post(
                "wxba5fad812f8e6fb9",
                "timestamp=1714112445&nonce=415670741&encrypt_type=aes"
                        + "&msg_signature=046e02f8204d34f8ba5fa3b1db94908f3df2e9b3",
                "{\"ToUserName\":\"gh_97417a04a28d\",\"Encrypt\":\"" + JSON_ENCRYPT + "\"}");

        assertThat(xml.status()).isEqualTo(200);
        assertThat(xml.body()).isEqualTo("success");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.body()).isEqualTo("success");
        List<CallbackLog.Entry> recent = callbackLog.recent(2);
        assertThat(recent).allSatisfy(entry -> {
            assertThat(entry.outcome()).isEqualTo(CallbackLog.Outcome.HANDLED);
            assertThat(entry.event()).contains("debug_demo");
            assertThat(entry.openId()).contains("o9AgO5Kd5ggOC-bXrbNODIiE3bGY");
        });
        assertThat(recent)
                .extracting(entry -> entry.appId().value())
                .containsExactly("wxba5fad812f8e6fb9", "wx134c8103faa5a59e");
    }
}
