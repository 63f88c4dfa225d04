package dev.wxgate.adapters.wechat;

import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.wechat.PhoneCode;
import dev.wxgate.domain.wechat.PhoneNumber;
import dev.wxgate.domain.wechat.PhoneNumbers;
import java.util.Objects;

/** Adapter: users' phone numbers through WeChat's {@code /wxa/business/getuserphonenumber}. */
public final class WechatApiPhoneNumbers implements PhoneNumbers {
    static final Endpoint PHONE_NUMBER = Endpoint.withAccessToken("/wxa/business/getuserphonenumber");

    private final WechatHttp http;

    public WechatApiPhoneNumbers(WechatHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public PhoneNumber exchange(WechatApp app, AccessToken token, PhoneCode code) {
        WechatRequest request = WechatRequest.post(PHONE_NUMBER, new Wire.PhoneNumberQuery(code.value()))
                .secretParam("access_token", token.value())
                .secret(code.value());
        return WireMapper.phoneNumber(PHONE_NUMBER, http.call(request, Wire.PhoneNumberAnswer.class), app.appId());
    }
}
