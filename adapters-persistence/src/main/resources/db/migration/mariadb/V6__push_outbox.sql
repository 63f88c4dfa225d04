-- The outbox of WeChat pushes (issue 15), shared by every node: a verified push is stored here, in the same request and
-- before WeChat is answered, with one delivery per sink (webhook, RabbitMQ); workers on any node claim due deliveries
-- under a lease and record each outcome. (MariaDB; the MySQL script is the same.) Times are UTC.
-- Binary collations, as in V1, because delivery keys and app ids are case-sensitive.
--
-- outbox_push: one row per push. The unique key on (app_id, delivery_key) is what makes WeChat's retries of one push,
-- arriving at two nodes at once, store it once: the loser's insert fails with a duplicate key and stores nothing.
-- raw and message_json hold a whole message (up to about 1 MiB; MEDIUMTEXT holds 16 MiB, TEXT only 64 KiB).
CREATE TABLE outbox_push (
    delivery_id  CHAR(36)     NOT NULL,  -- the X-Wxgate-Delivery-Id, a lower-case UUID
    app_id       VARCHAR(18)  NOT NULL,
    delivery_key VARCHAR(255) NOT NULL,  -- MsgId, or sender and creation time; longer keys are stored as a digest
    msg_type     VARCHAR(255) NOT NULL,
    event        VARCHAR(255),
    format       VARCHAR(8)   NOT NULL,  -- XML or JSON
    raw          MEDIUMTEXT   NOT NULL,
    message_json MEDIUMTEXT   NOT NULL,
    received_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (delivery_id),
    CONSTRAINT uq_outbox_push_delivery_key UNIQUE (app_id, delivery_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- outbox_delivery: one row per push and sink. A delivery is PENDING until DELIVERED or DEAD. A node holds a pending
-- one while lease_until is in the future; its outcome counts only while lease_owner and lease_until are still its own.
-- app_id and received_at repeat the push's so that the console's listing and the replay of an app's dead deliveries
-- need no join to filter and sort.
CREATE TABLE outbox_delivery (
    delivery_id     CHAR(36)     NOT NULL,
    sink            VARCHAR(16)  NOT NULL,  -- WEBHOOK or RABBITMQ
    app_id          VARCHAR(18)  NOT NULL,
    received_at     DATETIME(6)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,  -- PENDING, DELIVERED or DEAD
    attempts        INT          NOT NULL,  -- made so far, the one under a lease included
    next_attempt_at DATETIME(6),            -- pending only
    lease_owner     VARCHAR(255),
    lease_until     DATETIME(6),
    last_error      VARCHAR(500),           -- a status or a kind of failure, never a secret or message text
    finished_at     DATETIME(6),            -- when it was delivered or given up
    PRIMARY KEY (delivery_id, sink),
    CONSTRAINT fk_outbox_delivery_push FOREIGN KEY (delivery_id) REFERENCES outbox_push (delivery_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_outbox_delivery_due ON outbox_delivery (state, next_attempt_at);
CREATE INDEX ix_outbox_delivery_received ON outbox_delivery (received_at);
CREATE INDEX ix_outbox_delivery_app ON outbox_delivery (app_id, state, received_at);
