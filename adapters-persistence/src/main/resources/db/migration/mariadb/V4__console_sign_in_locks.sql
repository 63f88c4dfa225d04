-- Console sign-in hardening (issue 12).
-- 1. Failed sign-ins and locks move off console_operator into tables keyed by client address: a lock is per (operator,
--    client address), so an attacker's failures never lock an operator out from elsewhere, and per client address
--    across every username (console_address_lock: failures counted in a window that starts again after it ends).
-- 2. Usernames are unique ignoring case (ADMIN and admin cannot coexist; sign-in stays exact-case): a unique key on the
--    lower-cased name makes one of two nodes adding such names at once lose with a duplicate key. Usernames are ASCII.
--    A database holding two such names already must have one renamed or removed before this runs.
-- (MariaDB; the MySQL script is the same: no functional index, so a stored generated column carries the unique key.)
-- Binary collations, as in V3, because usernames are case-sensitive. Times are UTC.

ALTER TABLE console_operator
    DROP COLUMN failed_logins,
    DROP COLUMN locked_until,
    ADD COLUMN username_folded VARCHAR(64) GENERATED ALWAYS AS (LOWER(username)) STORED,
    ADD CONSTRAINT uq_console_operator_folded UNIQUE (username_folded);

CREATE TABLE console_sign_in_lock (
    username       VARCHAR(64)  NOT NULL,  -- exact-case, as the operator signs in
    client_address VARCHAR(100) NOT NULL,
    failures       INT          NOT NULL,  -- in a row from this address since the last good sign-in from it
    locked_until   DATETIME(6),
    PRIMARY KEY (username, client_address)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE console_address_lock (
    client_address VARCHAR(100) NOT NULL,
    failures       INT          NOT NULL,  -- whatever the username, since window_started
    window_started DATETIME(6)  NOT NULL,
    locked_until   DATETIME(6),
    PRIMARY KEY (client_address)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
