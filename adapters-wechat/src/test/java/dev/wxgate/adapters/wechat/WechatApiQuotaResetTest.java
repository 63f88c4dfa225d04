package dev.wxgate.adapters.wechat;

import static dev.wxgate.adapters.wechat.Fixtures.APP_ID;
import static dev.wxgate.adapters.wechat.Fixtures.TOKEN_VALUE;
import static dev.wxgate.adapters.wechat.Fixtures.app;
import static dev.wxgate.adapters.wechat.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WechatApiQuotaResetTest extends StubbedWechatTest {
    private static final String PATH = "/cgi-bin/clear_quota";

    private WechatApiQuotaReset reset;

    @BeforeEach
    void createAdapter() {
        reset = new WechatApiQuotaReset(http);
    }

    @Test
    void postsTheAppIdWithTheTokenInTheQuery() {
        wechat.onJson(PATH, "{\"errcode\":0,\"errmsg\":\"ok\"}");

        reset.clearQuota(app(), token());

        StubWechat.Seen call = wechat.calls(PATH).getFirst();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.query()).containsOnlyKeys("access_token").containsEntry("access_token", TOKEN_VALUE);
        assertThat(JsonMapper.shared().readTree(call.body()).get("appid").stringValue())
                .isEqualTo(APP_ID);
    }

    @Test
    void theMonthsClearsUsedUpIsWechatsRefusalWithItsErrcode() {
        wechat.onJson(PATH, "{\"errcode\":48006,\"errmsg\":\"forbid to clear quota because of reaching the limit\"}");

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> reset.clearQuota(app(), token()))
                .satisfies(e -> {
                    assertThat(e.failure()).isEqualTo(WechatFailure.REJECTED);
                    assertThat(e.errcode()).hasValue(48006);
                    assertThat(e.getMessage()).doesNotContain(TOKEN_VALUE);
                });
    }

    @Test
    void aRejectedTokenIsReportedAsSuch() {
        wechat.onJson(PATH, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> reset.clearQuota(app(), token()))
                .satisfies(e -> assertThat(e.failure()).isEqualTo(WechatFailure.INVALID_TOKEN));
    }
}
