package dev.wxgate.adapters.persistence.user;

import java.time.LocalDateTime;

/**
 * A row of users joined with one of its identities, as read in one query; the identity columns are null for a user
 * without identities. Times are UTC.
 */
record UserIdentityRow(
        Long id,
        String unionId,
        String nickname,
        String avatarUrl,
        LocalDateTime registeredAt,
        String appId,
        String openId,
        String identityUnionId,
        LocalDateTime identityCreatedAt) {

    UserRow user() {
        return new UserRow(id, unionId, nickname, avatarUrl, registeredAt);
    }

    IdentityRow identity() {
        return appId == null ? null : new IdentityRow(appId, openId, id, identityUnionId, identityCreatedAt);
    }
}
