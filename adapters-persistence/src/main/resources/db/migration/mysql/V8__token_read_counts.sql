-- How often each internal client read each app's access_token or JS-SDK tickets, one row per client, app, credential
-- and hour (UTC): the audit of ordinary token reads, without a row per read. Every node adds its counts to the row.
-- Rows older than 90 days are deleted by wxgate.

CREATE TABLE token_read_count (
    hour_start DATETIME     NOT NULL,
    client_id  VARCHAR(64)  NOT NULL,
    app_id     VARCHAR(18)  NOT NULL,
    credential VARCHAR(32)  NOT NULL,  -- access_token, jsapi_ticket, wx_card_ticket
    read_count BIGINT       NOT NULL,
    PRIMARY KEY (hour_start, client_id, app_id, credential)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_token_read_count_app ON token_read_count (app_id, hour_start);
