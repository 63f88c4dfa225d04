package dev.wxgate.application.session;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UserId;
import java.util.Optional;

/** Which live sessions an operator looks for; every criterion given must match, none means all. */
public record SessionSearch(Optional<UserId> userId, Optional<AppId> appId, Optional<OpenId> openId) {

    public SessionSearch {
        Require.present(userId, "userId");
        Require.present(appId, "appId");
        Require.present(openId, "openid");
    }

    public static SessionSearch all() {
        return new SessionSearch(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isAll() {
        return userId.isEmpty() && appId.isEmpty() && openId.isEmpty();
    }
}
