package dev.wxgate.adapters.persistence.audit;

import java.time.LocalDateTime;

/** A row of token_read_count; {@code hourStart} is UTC. */
record TokenReadCountRow(LocalDateTime hourStart, String clientId, String appId, String credential, long readCount) {}
