-- Rows of the dialer file waiting for their global order: one row per debtor with valid phones, holding that
-- debtor's dialer lines already formatted (in rank order). The dialer step reads them ORDER BY sort_key, so the sort
-- happens in the database, not in the heap. Rows are written in the same transaction as the chunk that produced
-- them, so a crash never leaves half a chunk here; they are deleted when the run completes.
CREATE TABLE dialer_staging (
    job_instance_id BIGINT NOT NULL,
    sort_key        BIGINT NOT NULL,
    phones          VARCHAR(4000) NOT NULL,
    dialer_lines    CHARACTER VARYING NOT NULL,
    PRIMARY KEY (job_instance_id, sort_key)
);
