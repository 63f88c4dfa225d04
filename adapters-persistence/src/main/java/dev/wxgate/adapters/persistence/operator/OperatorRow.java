package dev.wxgate.adapters.persistence.operator;

import java.time.LocalDateTime;

/** A row of console_operator, as read; times are UTC. */
record OperatorRow(
        String username, String passwordHash, String role, LocalDateTime createdAt, LocalDateTime lastLoginAt) {}
