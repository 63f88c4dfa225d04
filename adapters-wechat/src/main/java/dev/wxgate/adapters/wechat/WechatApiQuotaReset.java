package dev.wxgate.adapters.wechat;

import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.ApiQuotaReset;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** Adapter: clears an app's daily API quotas through WeChat's {@code POST /cgi-bin/clear_quota}. */
public final class WechatApiQuotaReset implements ApiQuotaReset {
    static final Endpoint CLEAR_QUOTA = Endpoint.withAccessToken("/cgi-bin/clear_quota");

    private final WechatHttp http;

    public WechatApiQuotaReset(WechatHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public void clearQuota(WechatApp app, AccessToken token) {
        // Success is {"errcode":0,"errmsg":"ok"}; any other errcode is thrown by the client as WechatException.
        http.call(
                WechatRequest.post(
                                CLEAR_QUOTA,
                                new Wire.ClearQuotaQuery(app.appId().value()))
                        .secretParam("access_token", token.value()),
                JsonNode.class);
    }
}
