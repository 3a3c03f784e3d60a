extension Migrations {
    /// The unread notices of a recipient by kind, covering the location they name (`detail`): the red-press alert
    /// consumer asks, in its write transaction, which of a location's duty staff still have an unread alert notice
    /// (``SQLAlertRepository/unreadNotices(of:_:)``). Through `notifications_recipient` that read every notification
    /// the staff had ever been sent, read or not and of every kind, and a table row for each: 15 ms a run for the
    /// demo's duty staff (thousands of case notices each) while the writer waited, 16 runs a second under single
    /// POSTs (docs/benchmarks.md, 2026-12-06). Only unread rows are in this index, and a recipient has at most one
    /// unread alert notice per location.
    static let v63UnreadNotices = Migration("0063_unread_notices", [
        "CREATE INDEX notifications_unread ON notifications (recipient, kind, detail) WHERE read_at IS NULL",
    ])
}
