-- Console sign-in hardening (issue 12).
-- 1. Failed sign-ins and locks move off console_operator into tables keyed by client address: a lock is per (operator,
--    client address), so an attacker's failures never lock an operator out from elsewhere, and per client address
--    across every username (console_address_lock: failures counted in a window that starts again after it ends).
-- 2. Usernames are unique ignoring case (ADMIN and admin cannot coexist; sign-in stays exact-case): a unique key on the
--    lower-cased name makes one of two nodes adding such names at once lose with a duplicate key. Usernames are ASCII.
--    A database holding two such names already must have one renamed or removed before this runs.
-- (H2; the PostgreSQL script differs only in using a functional index.) Times are UTC.

ALTER TABLE console_operator DROP COLUMN failed_logins;
ALTER TABLE console_operator DROP COLUMN locked_until;
ALTER TABLE console_operator ADD COLUMN username_folded VARCHAR(64) GENERATED ALWAYS AS (LOWER(username));
CREATE UNIQUE INDEX uq_console_operator_folded ON console_operator (username_folded);

CREATE TABLE console_sign_in_lock (
    username       VARCHAR(64)  NOT NULL,  -- exact-case, as the operator signs in
    client_address VARCHAR(100) NOT NULL,
    failures       INT          NOT NULL,  -- in a row from this address since the last good sign-in from it
    locked_until   TIMESTAMP(6),
    CONSTRAINT pk_console_sign_in_lock PRIMARY KEY (username, client_address)
);

CREATE TABLE console_address_lock (
    client_address VARCHAR(100) NOT NULL,
    failures       INT          NOT NULL,  -- whatever the username, since window_started
    window_started TIMESTAMP(6) NOT NULL,
    locked_until   TIMESTAMP(6),
    CONSTRAINT pk_console_address_lock PRIMARY KEY (client_address)
);
