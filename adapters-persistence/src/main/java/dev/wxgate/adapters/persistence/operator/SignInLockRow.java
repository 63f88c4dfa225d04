package dev.wxgate.adapters.persistence.operator;

import java.time.LocalDateTime;

/** A locked row of console_sign_in_lock, as read; times are UTC. */
record SignInLockRow(String username, String clientAddress, LocalDateTime lockedUntil) {}
