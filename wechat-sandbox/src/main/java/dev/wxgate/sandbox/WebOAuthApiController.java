package dev.wxgate.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inbound adapter: the web login's endpoints on api.weixin.qq.com ({@code /sns/oauth2/access_token},
 * {@code /sns/oauth2/refresh_token}, {@code /sns/userinfo}, {@code /sns/auth}) at the configured prefix, written as
 * WeChat's JSON (errors with HTTP 200 and a rid).
 */
@RestController
class WebOAuthApiController {
    private final SandboxEngine engine;

    WebOAuthApiController(SandboxEngine engine) {
        this.engine = engine;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GrantBody(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("refresh_token") String refreshToken,
            String openid,
            String scope,
            @JsonProperty("is_snapshotuser") int isSnapshotUser,
            String unionid) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserInfoBody(
            String openid,
            String nickname,
            int sex,
            String province,
            String city,
            String country,
            String headimgurl,
            List<String> privilege,
            String unionid) {}

    @RequestMapping(WechatApiController.PREFIX + Endpoint.Path.WEB_ACCESS_TOKEN)
    ResponseEntity<byte[]> accessToken(
            HttpMethod method,
            @RequestParam(name = "appid", required = false) String appid,
            @RequestParam(name = "secret", required = false) String secret,
            @RequestParam(name = "code", required = false) String code,
            @RequestParam(name = "grant_type", required = false) String grantType) {
        return answer(
                engine.webAccessToken(method.name(), appid, secret, code, grantType), WebOAuthApiController::grant);
    }

    @RequestMapping(WechatApiController.PREFIX + Endpoint.Path.WEB_REFRESH_TOKEN)
    ResponseEntity<byte[]> refreshToken(
            HttpMethod method,
            @RequestParam(name = "appid", required = false) String appid,
            @RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "refresh_token", required = false) String refreshToken) {
        return answer(
                engine.webRefreshToken(method.name(), appid, grantType, refreshToken), WebOAuthApiController::grant);
    }

    @RequestMapping(WechatApiController.PREFIX + Endpoint.Path.WEB_USER_INFO)
    ResponseEntity<byte[]> userInfo(
            HttpMethod method,
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(name = "openid", required = false) String openid) {
        return answer(
                engine.webUserInfo(method.name(), accessToken, openid),
                info -> new UserInfoBody(
                        info.openid(), info.nickname(), 0, "", "", "", info.headimgurl(), List.of(), info.unionid()));
    }

    @RequestMapping(WechatApiController.PREFIX + Endpoint.Path.WEB_AUTH)
    ResponseEntity<byte[]> auth(
            HttpMethod method,
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(name = "openid", required = false) String openid) {
        return answer(
                engine.webAuth(method.name(), accessToken, openid), ok -> new WechatApiController.ErrorBody(0, "ok"));
    }

    /** WeChat never shows a stack trace: anything unexpected is "-1 system error" with HTTP 200. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e) {
        return SandboxJson.wechat(
                HttpStatus.OK,
                new WechatApiController.ErrorBody(
                        ErrorCode.SYSTEM_ERROR.errcode(),
                        ErrorCode.SYSTEM_ERROR.message() + " rid: " + engine.requestId()));
    }

    private static GrantBody grant(WebOAuthEndpoints.Grant grant) {
        return new GrantBody(
                grant.accessToken(),
                grant.expiresIn(),
                grant.refreshToken(),
                grant.openid(),
                grant.scope(),
                0,
                grant.unionid());
    }

    private <T> ResponseEntity<byte[]> answer(Outcome<T> outcome, Function<T, Object> success) {
        return switch (outcome) {
            case Outcome.Ok<T> ok -> SandboxJson.wechat(HttpStatus.OK, success.apply(ok.value()));
            case Outcome.Failed<T> failed ->
                SandboxJson.wechat(
                        HttpStatus.OK,
                        new WechatApiController.ErrorBody(
                                failed.error().errcode(), failed.error().message() + " rid: " + engine.requestId()));
            case Outcome.Unavailable<T> unavailable -> SandboxJson.outage();
        };
    }
}
