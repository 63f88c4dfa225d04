-- The audit log the console shows: who did what, when, why and how it ended (forced token refreshes, revoked
-- sessions, console logins). Append-only; never holds a secret or token. Times are UTC. Newest first is by id.
-- (MySQL; the MariaDB script is the same.)

CREATE TABLE audit_event (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    occurred_at DATETIME(3)  NOT NULL,
    kind        VARCHAR(40)  NOT NULL,  -- token_force_refresh, session_revoked, console_login, console_login_failed
    actor       VARCHAR(128) NOT NULL,  -- an operator, a client id, or "wxgate"
    app_id      VARCHAR(18),
    subject     VARCHAR(128),           -- what was acted on, e.g. a session id
    reason      VARCHAR(500),           -- as the actor gave it
    outcome     VARCHAR(16)  NOT NULL,  -- success, refused, failed
    detail      VARCHAR(500),
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_audit_event_kind ON audit_event (kind, id);
CREATE INDEX ix_audit_event_app_id ON audit_event (app_id, id);
CREATE INDEX ix_audit_event_occurred_at ON audit_event (occurred_at);
