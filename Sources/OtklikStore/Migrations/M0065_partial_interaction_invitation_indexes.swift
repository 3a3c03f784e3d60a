extension Migrations {
    /// As 0064 did for feedback: the indexes of calls and other interactions by customer and by service request, and of
    /// survey invitations by customer, hold only the rows that have one. A quarter of the demo's interactions have no
    /// customer and three quarters no service request (a third and all of `scripts/bench/generate_calls.py`'s calls),
    /// three quarters of its invitations no customer; each such row still wrote an entry at the boundary of the NULL
    /// entries. Every query that reads these indexes asks for a value (`customer_id = ?`, `IN (…)`, a join on it,
    /// `IS NOT NULL`), which implies the condition, so SQLite and PostgreSQL still use them. On 300,000 imported calls a
    /// commit of one new call (a third anonymous, none with a request) writes 7.5 pages of SQLite's write-ahead log
    /// instead of 9.0, of six 11.8 instead of 14.5 (`scripts/bench/wal_frames.py --calls`, docs/benchmarks.md,
    /// 2026-12-07); the import's own time did not move beyond its noise.
    static let v65PartialInteractionInvitationIndexes = Migration("0065_partial_interaction_invitation_indexes", [
        "DROP INDEX interactions_customer",
        "CREATE INDEX interactions_customer ON interactions (customer_id, topic, arrived_at) WHERE customer_id IS NOT NULL",
        "DROP INDEX interactions_request",
        "CREATE INDEX interactions_request ON interactions (request_id) WHERE request_id IS NOT NULL",
        "DROP INDEX survey_invitations_customer_id",
        "CREATE INDEX survey_invitations_customer_id ON survey_invitations (customer_id, invited_at) WHERE customer_id IS NOT NULL",
        "DROP INDEX survey_invitations_customer",
        "CREATE INDEX survey_invitations_customer ON survey_invitations (customer, invited_at) WHERE customer IS NOT NULL",
    ], keepsFacts: true)
}
