package dev.wxgate.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.adapters.wechat.WechatMessageCrypto;
import dev.wxgate.callback.WechatPush.Reply;
import dev.wxgate.callback.WechatPush.Signed;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.callback.CallbackSignature;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.callback.SecurityMode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The embedded default: the sandbox's apps take callbacks signed with the documented development token and key. */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SandboxAppsCallbackTest {
    static final String TOKEN = "wxgatesandbox";
    static final String AES_KEY = "wxgateSandboxEncodingAesKey0123456789abcdeg";

    @LocalServerPort
    int port;

    @Autowired
    WechatApps apps;

    @Test
    void everySandboxAppVerifiesItsUrlAndTakesASafeModeMessage() {
        WechatPush wechat = new WechatPush(port);
        // Website apps receive no WeChat callbacks; the mini-program and the official account do.
        var withCallbacks =
                apps.all().stream().filter(app -> app.callback().isPresent()).toList();
        assertThat(withCallbacks).hasSize(2);
        for (var app : withCallbacks) {
            String appId = app.appId().value();
            String timestamp = WechatPush.now();
            String nonce = WechatPush.nonce();
            Reply verified = wechat.get(
                    appId,
                    "signature=" + CallbackSignature.of(TOKEN, timestamp, nonce) + "&timestamp=" + timestamp + "&nonce="
                            + nonce + "&echostr=hello");
            assertThat(verified.body()).as(appId).isEqualTo("hello");

            Signed push = WechatPush.sign(
                    SecurityMode.SAFE,
                    MessageFormat.JSON,
                    WechatPush.textJson("1" + nonce, "hi"),
                    TOKEN,
                    new WechatMessageCrypto(AES_KEY, appId),
                    WechatPush.now(),
                    WechatPush.nonce());
            Reply reply = wechat.post(appId, push.query(), push.body());
            assertThat(reply.status()).as(appId).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("success");
        }
    }
}
