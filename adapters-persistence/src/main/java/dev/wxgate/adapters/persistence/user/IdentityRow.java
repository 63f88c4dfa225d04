package dev.wxgate.adapters.persistence.user;

import java.time.LocalDateTime;

/** A row of user_identities, as read; times are UTC. */
record IdentityRow(String appId, String openId, Long userId, String unionId, LocalDateTime createdAt) {}
