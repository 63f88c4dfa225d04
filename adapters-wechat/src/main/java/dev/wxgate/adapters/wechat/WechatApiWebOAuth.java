package dev.wxgate.adapters.wechat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.oauth.WebCode;
import dev.wxgate.domain.oauth.WebGrant;
import dev.wxgate.domain.oauth.WebOAuth;
import dev.wxgate.domain.oauth.WebScope;
import dev.wxgate.domain.oauth.WebUserInfo;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Adapter: an official account's web login through WeChat's {@code /sns/oauth2/access_token} (appid and secret, no
 * app access_token) and {@code /sns/userinfo} (the user's web access_token). The web access_token, refresh_token,
 * code and secret are secret parameters: no message or log line shows them.
 */
public final class WechatApiWebOAuth implements WebOAuth {
    static final Endpoint ACCESS_TOKEN = Endpoint.withAppSecret("/sns/oauth2/access_token");
    static final Endpoint USER_INFO = Endpoint.withAccessToken("/sns/userinfo");

    private final WechatHttp http;

    public WechatApiWebOAuth(WechatHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /** {@code /sns/oauth2/access_token}'s answer; {@code refresh_token} is read to be dropped, never kept. */
    record GrantAnswer(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_in") Long expiresIn,
            @JsonProperty("refresh_token") String refreshToken,
            String openid,
            String scope,
            String unionid) {
        @Override
        public String toString() {
            return "GrantAnswer[access_token=****, refresh_token=****, openid=" + openid + ", scope=" + scope + "]";
        }
    }

    /** {@code /sns/userinfo}'s answer (sex, province, city, country and privilege are not read). */
    record UserInfoAnswer(String openid, String nickname, String headimgurl, String unionid) {
        @Override
        public String toString() {
            return "UserInfoAnswer[openid=" + openid + ", ****]";
        }
    }

    @Override
    public WebGrant exchange(WechatApp app, WebCode code) {
        WechatRequest request = WechatRequest.get(ACCESS_TOKEN)
                .param("appid", app.appId().value())
                .secretParam("secret", app.secret().reveal())
                .secretParam("code", code.value())
                .param("grant_type", "authorization_code");
        GrantAnswer answer = http.call(request, GrantAnswer.class);
        String token = ACCESS_TOKEN.required(answer.accessToken(), "access_token");
        OpenId openId =
                accept(ACCESS_TOKEN, "openid", () -> new OpenId(ACCESS_TOKEN.required(answer.openid(), "openid")));
        // WeChat names the scope granted ("snsapi_base", "snsapi_userinfo", a website app's "snsapi_login"; a
        // comma-separated list has been seen).
        String scopes = answer.scope() == null ? "" : answer.scope();
        WebScope scope = scopes.contains(WebScope.SNSAPI_LOGIN.wireName())
                ? WebScope.SNSAPI_LOGIN
                : scopes.contains(WebScope.SNSAPI_USERINFO.wireName())
                        ? WebScope.SNSAPI_USERINFO
                        : WebScope.SNSAPI_BASE;
        if (token.isBlank()) {
            throw ACCESS_TOKEN.malformed("an empty access_token");
        }
        return new WebGrant(openId, unionId(ACCESS_TOKEN, answer.unionid()), scope, token);
    }

    @Override
    public WebUserInfo userInfo(WebGrant grant) {
        WechatRequest request = WechatRequest.get(USER_INFO)
                .secretParam("access_token", grant.accessToken())
                .param("openid", grant.openId().value())
                .param("lang", "zh_CN");
        UserInfoAnswer answer = http.call(request, UserInfoAnswer.class);
        OpenId openId = accept(USER_INFO, "openid", () -> new OpenId(USER_INFO.required(answer.openid(), "openid")));
        if (!openId.equals(grant.openId())) {
            // The token belongs to one user; another user's info would be someone else's profile on this account.
            throw USER_INFO.malformed("the info of another openid");
        }
        return new WebUserInfo(
                openId,
                unionId(USER_INFO, answer.unionid()),
                Optional.ofNullable(answer.nickname()).filter(text -> !text.isBlank()),
                Optional.ofNullable(answer.headimgurl()).filter(text -> !text.isBlank()));
    }

    private static Optional<UnionId> unionId(Endpoint endpoint, String value) {
        return value == null || value.isEmpty()
                ? Optional.empty()
                : Optional.of(accept(endpoint, "unionid", () -> new UnionId(value)));
    }

    /** The domain's messages name the rule broken, never the value, so they are safe to pass on. */
    private static <T> T accept(Endpoint endpoint, String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw endpoint.malformed("a " + field + " wxgate cannot accept (" + e.getMessage() + ")");
        }
    }
}
