-- Curators mark a report dealt with (`caveat feedback resolve`), and list by kind or claim.
ALTER TABLE reports ADD COLUMN resolved_at TEXT;
ALTER TABLE reports ADD COLUMN note TEXT;
CREATE INDEX reports_kind ON reports (kind);
CREATE INDEX reports_claim_id ON reports (claim_id);
