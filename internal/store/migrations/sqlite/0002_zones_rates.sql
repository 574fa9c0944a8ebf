-- Time zones and currencies (issue 9, items 2 and 5).

-- Each user enters and reads times in their own IANA time zone; 简体中文
-- users start in Asia/Shanghai, the others in UTC (where every time was
-- shown before).
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
UPDATE users SET time_zone = 'Asia/Shanghai' WHERE locale = 'zh-CN';

-- A currency is an ISO 4217 code: RMB (and an empty code, which meant the
-- default) is CNY.
UPDATE opportunities SET currency = 'CNY' WHERE UPPER(TRIM(currency)) IN ('RMB', '');
UPDATE quotas SET currency = 'CNY' WHERE UPPER(TRIM(currency)) IN ('RMB', '');
UPDATE opportunities SET currency = UPPER(TRIM(currency)) WHERE currency <> UPPER(TRIM(currency));
UPDATE quotas SET currency = UPPER(TRIM(currency)) WHERE currency <> UPPER(TRIM(currency));

-- Exchange rates (汇率) an administrator keeps: from day on_date, one unit of
-- from_currency is worth rate units of to_currency.
CREATE TABLE exchange_rates (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    from_currency TEXT NOT NULL,
    to_currency TEXT NOT NULL,
    rate REAL NOT NULL,
    on_date TEXT NOT NULL
);
CREATE INDEX exchange_rates_pair ON exchange_rates (from_currency, to_currency, on_date);

-- The funnel sums amounts per currency: the covering index carries it.
DROP INDEX opportunities_funnel;
CREATE INDEX opportunities_funnel ON opportunities (account_id, level, close_date, owner_id, currency, amount, deleted_at) WHERE deleted_at IS NULL;
