package dev.wxgate.adapters.persistence.user;

import java.time.LocalDateTime;

/** A row of users, as read; times are UTC. */
record UserRow(Long id, String unionId, String nickname, String avatarUrl, LocalDateTime registeredAt) {}
