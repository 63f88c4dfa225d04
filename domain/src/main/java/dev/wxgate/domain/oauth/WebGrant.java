package dev.wxgate.domain.oauth;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import java.util.Optional;

/**
 * What WeChat answers for a web login code: who the user is in the app, the scope granted, and the user's web
 * access_token, which only reads {@code /sns/userinfo}. The token is not the app's access_token, stays on the server
 * and is never shown by {@code toString()}.
 */
public record WebGrant(OpenId openId, Optional<UnionId> unionId, WebScope scope, String accessToken) {
    public WebGrant {
        Require.present(openId, "openid");
        Require.present(unionId, "unionid");
        Require.present(scope, "scope");
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("access_token is required");
        }
    }

    @Override
    public String toString() {
        return "WebGrant[openid=" + openId + ", unionid="
                + unionId.map(UnionId::value).orElse("none") + ", scope=" + scope.wireName() + ", access_token=****]";
    }
}
