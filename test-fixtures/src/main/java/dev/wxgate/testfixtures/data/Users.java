package dev.wxgate.testfixtures.data;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Test data: a {@link User} as tests build it, with defaults for what a test does not care about ({@code
 * Users.user().id(42).profile("Band", "https://...").build()}). Each setter returns a new builder.
 */
public record Users(
        UserId id, Optional<UnionId> unionId, Profile profile, Instant registeredAt, List<Identity> identities) {

    /** User 1, openid {@code oUser} in {@link Sessions#APP}, no unionid, no profile, registered at {@link Sessions#START}. */
    public static Users user() {
        return new Users(
                new UserId(1),
                Optional.empty(),
                Profile.EMPTY,
                Sessions.START,
                List.of(new Identity(Sessions.APP, new OpenId("oUser"), Optional.empty())));
    }

    public Users id(long userId) {
        return new Users(new UserId(userId), unionId, profile, registeredAt, identities);
    }

    public Users unionId(String unionId) {
        return new Users(id, Optional.of(new UnionId(unionId)), profile, registeredAt, identities);
    }

    public Users profile(String nickname, String avatarUrl) {
        return new Users(id, unionId, Profile.of(nickname, avatarUrl), registeredAt, identities);
    }

    public Users registeredAt(Instant at) {
        return new Users(id, unionId, profile, at, identities);
    }

    /** Its only identity: {@code openId} in {@code appId}, with the user's unionid. */
    public Users in(String appId, String openId) {
        return new Users(
                id,
                unionId,
                profile,
                registeredAt,
                List.of(new Identity(AppId.of(appId), new OpenId(openId), unionId)));
    }

    public User build() {
        return new User(id, unionId, profile, registeredAt, identities);
    }
}
