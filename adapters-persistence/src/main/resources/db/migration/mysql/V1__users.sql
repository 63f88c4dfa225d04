-- Users and their WeChat identities (MySQL; the MariaDB script is the same).
-- A user is reached through identities (app_id, open_id); identities that bring the same union_id reach one user.
-- The unique keys are what make concurrent first logins create exactly one user: the loser of a race gets a
-- duplicate key, rolls back and reads the winner's row. Times are UTC.
-- utf8mb4 for emoji in nicknames; a binary collation because openids and unionids are case-sensitive (the server's
-- default *_ci collation would make two users' openids that differ only in case collide).

CREATE TABLE users (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    union_id      VARCHAR(64),
    nickname      VARCHAR(64),
    avatar_url    VARCHAR(512),
    registered_at DATETIME(6)  NOT NULL,
    updated_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_users_union_id UNIQUE (union_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE user_identities (
    app_id     VARCHAR(18)  NOT NULL,
    open_id    VARCHAR(64)  NOT NULL,
    user_id    BIGINT       NOT NULL,
    union_id   VARCHAR(64),
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (app_id, open_id),
    CONSTRAINT fk_user_identities_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_user_identities_user_id ON user_identities (user_id);
CREATE INDEX ix_user_identities_open_id ON user_identities (open_id);
