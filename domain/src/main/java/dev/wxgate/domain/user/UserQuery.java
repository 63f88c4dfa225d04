package dev.wxgate.domain.user;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import java.util.Optional;

/**
 * What the console searches users by; every criterion given must match. {@code appId} and {@code openId} together
 * mean "the identity with this openid in this app"; {@code appId} alone, the users who logged in to that app.
 */
public record UserQuery(
        Optional<UserId> userId, Optional<AppId> appId, Optional<OpenId> openId, Optional<UnionId> unionId) {

    public UserQuery {
        Require.present(userId, "userId");
        Require.present(appId, "appId");
        Require.present(openId, "openid");
        Require.present(unionId, "unionid");
    }

    /** Every user, newest first. */
    public static UserQuery all() {
        return new UserQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public UserQuery withUserId(UserId value) {
        return new UserQuery(Optional.of(value), appId, openId, unionId);
    }

    public UserQuery withAppId(AppId value) {
        return new UserQuery(userId, Optional.of(value), openId, unionId);
    }

    public UserQuery withOpenId(OpenId value) {
        return new UserQuery(userId, appId, Optional.of(value), unionId);
    }

    public UserQuery withUnionId(UnionId value) {
        return new UserQuery(userId, appId, openId, Optional.of(value));
    }
}
