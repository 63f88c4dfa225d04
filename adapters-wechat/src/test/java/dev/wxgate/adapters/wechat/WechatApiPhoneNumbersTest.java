package dev.wxgate.adapters.wechat;

import static dev.wxgate.adapters.wechat.Fixtures.APP_ID;
import static dev.wxgate.adapters.wechat.Fixtures.TOKEN_VALUE;
import static dev.wxgate.adapters.wechat.Fixtures.app;
import static dev.wxgate.adapters.wechat.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.wechat.PhoneCode;
import dev.wxgate.domain.wechat.PhoneNumber;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class WechatApiPhoneNumbersTest extends StubbedWechatTest {
    private static final String PATH = "/wxa/business/getuserphonenumber";
    private static final PhoneCode CODE =
            new PhoneCode("e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144");

    private WechatApiPhoneNumbers phones;

    @BeforeEach
    void createAdapter() {
        phones = new WechatApiPhoneNumbers(http);
    }

    private static String answer(String countryCode, String watermarkAppId) {
        return "{\"errcode\":0,\"errmsg\":\"ok\",\"phone_info\":{\"phoneNumber\":\"13800138000\","
                + "\"purePhoneNumber\":\"13800138000\",\"countryCode\":" + countryCode
                + ",\"watermark\":{\"timestamp\":1637744274,\"appid\":\"" + watermarkAppId + "\"}}}";
    }

    @Test
    void postsTheCodeWithTheTokenInTheQuery() {
        wechat.onJson(PATH, answer("\"86\"", APP_ID));

        PhoneNumber number = phones.exchange(app(), token(), CODE);

        assertThat(number).isEqualTo(new PhoneNumber("13800138000", "13800138000", "86"));
        StubWechat.Seen call = wechat.calls(PATH).getFirst();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.query()).containsOnlyKeys("access_token").containsEntry("access_token", TOKEN_VALUE);
        assertThat(JsonMapper.shared().readTree(call.body()).get("code").stringValue())
                .isEqualTo(CODE.value());
    }

    @Test
    void acceptsACountryCodeSentAsANumber() {
        wechat.onJson(PATH, answer("86", APP_ID));

        assertThat(phones.exchange(app(), token(), CODE).countryCode()).isEqualTo("86");
    }

    @Test
    void refusesANumberWatermarkedForAnotherApp() {
        wechat.onJson(PATH, answer("\"86\"", "wxffffffffffffffff"));

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> phones.exchange(app(), token(), CODE))
                .satisfies(e -> {
                    assertThat(e.failure()).isEqualTo(WechatFailure.REJECTED);
                    assertThat(e.errcode()).isEmpty();
                });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"errcode\":0,\"errmsg\":\"ok\"}",
                "{\"phone_info\":{\"purePhoneNumber\":\"13800138000\",\"countryCode\":\"86\"}}",
                "{\"phone_info\":{\"phoneNumber\":\"13800138000\",\"purePhoneNumber\":\"13800138000\"}}",
                "{\"phone_info\":{\"phoneNumber\":\"n/a\",\"purePhoneNumber\":\"13800138000\",\"countryCode\":\"86\"}}",
                "{\"phone_info\":\"13800138000\"}"
            })
    void anAnswerWithoutAUsableNumberIsUpstreamUnavailable(String answer) {
        wechat.onJson(PATH, answer);

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> phones.exchange(app(), token(), CODE))
                .extracting(WechatException::failure)
                .isEqualTo(WechatFailure.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void anInvalidCodeIsTyped() {
        wechat.onJson(PATH, "{\"errcode\":40029,\"errmsg\":\"invalid code\"}");

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> phones.exchange(app(), token(), CODE))
                .extracting(WechatException::failure)
                .isEqualTo(WechatFailure.INVALID_CODE);
        assertThat(wechat.calls(PATH)).hasSize(1);
    }
}
