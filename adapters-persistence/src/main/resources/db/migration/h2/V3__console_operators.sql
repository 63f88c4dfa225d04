-- Who may sign in to the admin console (H2; the PostgreSQL script is the same): a BCrypt hash, never a password;
-- a role (admin may act, viewer only look); the failed sign-ins since the last good one, and the lock they put on the
-- account. The primary key is what makes one of two nodes provisioning the first admin at once win. Times are UTC.

CREATE TABLE console_operator (
    username      VARCHAR(64)  NOT NULL,  -- case-sensitive: A-Z a-z 0-9 . _ @ -
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(16)  NOT NULL,  -- admin, viewer
    failed_logins INT          NOT NULL DEFAULT 0,
    locked_until  TIMESTAMP(6),
    created_at    TIMESTAMP(6) NOT NULL,
    last_login_at TIMESTAMP(6),
    CONSTRAINT pk_console_operator PRIMARY KEY (username)
);
