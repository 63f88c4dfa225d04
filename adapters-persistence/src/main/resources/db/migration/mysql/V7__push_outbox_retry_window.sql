-- Issue 15, follow-up. retry_from: where a delivery's retry window (wxgate.delivery.max-age) starts, the push's
-- received_at when stored and the time of the replay when an operator replays it, so that a replayed old push is
-- retried as long as a new one instead of dying after one attempt. Existing deliveries start from their push.
ALTER TABLE outbox_delivery ADD COLUMN retry_from DATETIME(6);
UPDATE outbox_delivery SET retry_from = received_at;
ALTER TABLE outbox_delivery MODIFY retry_from DATETIME(6) NOT NULL;

-- The purge of delivered pushes (wxgate.delivery.retention) looks for deliveries delivered before a cut-off.
CREATE INDEX ix_outbox_delivery_finished ON outbox_delivery (state, finished_at);
