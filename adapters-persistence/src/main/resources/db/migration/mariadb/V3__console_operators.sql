-- Who may sign in to the admin console (MariaDB; the MySQL script is the same): a BCrypt hash, never a password;
-- a role (admin may act, viewer only look); the failed sign-ins since the last good one, and the lock they put on the
-- account. The primary key is what makes one of two nodes provisioning the first admin at once win. Times are UTC.
-- A binary collation because usernames are case-sensitive, as on the other databases.

CREATE TABLE console_operator (
    username      VARCHAR(64)  NOT NULL,  -- A-Z a-z 0-9 . _ @ -
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(16)  NOT NULL,  -- admin, viewer
    failed_logins INT          NOT NULL DEFAULT 0,
    locked_until  DATETIME(6),
    created_at    DATETIME(6)  NOT NULL,
    last_login_at DATETIME(6),
    PRIMARY KEY (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
