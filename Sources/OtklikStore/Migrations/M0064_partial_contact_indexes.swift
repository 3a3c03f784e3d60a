extension Migrations {
    /// The feedback indexes by contact and by customer hold only the records that have one. Most feedback has neither
    /// (0.6 % and 1.4 % of the demo's), and every new record without them still wrote an entry at the boundary of the
    /// indexes' NULL entries — a page of each index rewritten by every commit, split in the middle as it filled. Every
    /// query that reads them asks for a value (`contact = ?`, `customer_id IN (...)`, `customer_id IS NOT NULL`),
    /// which implies the condition, so SQLite and PostgreSQL still use them. A commit of one new feedback writes 9.2
    /// pages of SQLite's write-ahead log instead of 11.5, of six 24.6 instead of 28.1 (`scripts/bench/wal_frames.py`,
    /// docs/benchmarks.md, 2026-12-07).
    static let v64PartialContactIndexes = Migration("0064_partial_contact_indexes", [
        "DROP INDEX feedback_contact",
        "CREATE INDEX feedback_contact ON feedback (contact, ts) WHERE contact IS NOT NULL",
        "DROP INDEX feedback_customer",
        "CREATE INDEX feedback_customer ON feedback (customer_id, ts) WHERE customer_id IS NOT NULL",
    ], keepsFacts: true)
}
