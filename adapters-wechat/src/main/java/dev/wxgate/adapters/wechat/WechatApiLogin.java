package dev.wxgate.adapters.wechat;

import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.wechat.CodeSession;
import dev.wxgate.domain.wechat.LoginCode;
import dev.wxgate.domain.wechat.WechatLogin;
import java.util.Objects;

/** Adapter: mini-program login through WeChat's {@code /sns/jscode2session}, with appid and secret, no token. */
public final class WechatApiLogin implements WechatLogin {
    static final Endpoint CODE2SESSION = Endpoint.withAppSecret("/sns/jscode2session");

    private final WechatHttp http;

    public WechatApiLogin(WechatHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public CodeSession exchange(WechatApp app, LoginCode code) {
        WechatRequest request = WechatRequest.get(CODE2SESSION)
                .param("appid", app.appId().value())
                .secretParam("secret", app.secret().reveal())
                .secretParam("js_code", code.value())
                .param("grant_type", "authorization_code");
        return WireMapper.codeSession(CODE2SESSION, http.call(request, Wire.CodeSessionAnswer.class));
    }
}
