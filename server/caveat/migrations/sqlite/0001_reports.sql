-- Reader reports, as POST /api/v1/feedback accepts them. Times are UTC ISO-8601 text.
CREATE TABLE reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('false_positive', 'missed_claim', 'other')),
    claim_id TEXT,
    url TEXT NOT NULL,
    quote TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT ''
);
