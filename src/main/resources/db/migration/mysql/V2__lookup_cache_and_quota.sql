-- The lookup engine's lasting tables (issue 3). Plain SQL that H2 and MySQL both accept; the same file is in
-- db/migration/mysql. Per-run tables (lookup queue, plan, answers, calls) are created by the job and dropped at its end.

-- One answer per number: reused while younger than lookup.cache_ttl_days (ACTIVE/INACTIVE only, never UNKNOWN).
CREATE TABLE lookup_cache (
    e164 VARCHAR(20) NOT NULL PRIMARY KEY,
    status VARCHAR(10) NOT NULL,
    whatsapp_id VARCHAR(40),
    provider VARCHAR(20) NOT NULL,
    account VARCHAR(100),
    checked_at TIMESTAMP NOT NULL
);
CREATE INDEX lookup_cache_checked_at ON lookup_cache (checked_at);

-- Numbers each account has sent to its provider per UTC day, counted before each call (the daily quota).
CREATE TABLE provider_quota (
    account VARCHAR(100) NOT NULL,
    quota_day DATE NOT NULL,
    used BIGINT NOT NULL,
    PRIMARY KEY (account, quota_day)
);

-- Numbers a run left PENDING (quota spent, account refused, provider down): the next run checks them first.
CREATE TABLE lookup_backlog (
    e164 VARCHAR(20) NOT NULL PRIMARY KEY,
    since TIMESTAMP NOT NULL
);
