package dev.wxgate.domain.user;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import java.util.Optional;

/** Who WeChat says a user is in one app: the openid there and, when the app is bound to Open Platform, a unionid. */
public record Identity(AppId appId, OpenId openId, Optional<UnionId> unionId) {
    public Identity {
        Require.present(appId, "appId");
        Require.present(openId, "openid");
        Require.present(unionId, "unionid");
    }
}
