extension Migrations {
    /// As 0064 did for feedback: the indexes of calls and other interactions by customer and by service request, and of
    /// survey invitations by customer, hold only the rows that have one. A quarter of the demo's interactions have no
    /// customer and three quarters no service request (a third and all of `scripts/bench/generate_calls.py`'s calls),
    /// three quarters of its invitations no customer; each such row still wrote an entry at the boundary of the NULL
    /// entries. Every query that reads these indexes asks for a value (`customer_id = ?`, `IN (…)`, a join on it,
    /// `IS NOT NULL`), which implies the condition, so SQLite and PostgreSQL still use them. Building the two
    /// interaction indexes after a 300,000-call import (which builds them after the rows) takes 0.21-0.25 s instead of
    /// 0.44-0.66 s (2026-12-07, docs/benchmarks.md "Importing calls").
    static let v65PartialInteractionInvitationIndexes = Migration("0065_partial_interaction_invitation_indexes", [
        "DROP INDEX interactions_customer",
        "CREATE INDEX interactions_customer ON interactions (customer_id, topic, arrived_at) WHERE customer_id IS NOT NULL",
        "DROP INDEX interactions_request",
        "CREATE INDEX interactions_request ON interactions (request_id) WHERE request_id IS NOT NULL",
        "DROP INDEX survey_invitations_customer_id",
        "CREATE INDEX survey_invitations_customer_id ON survey_invitations (customer_id, invited_at) WHERE customer_id IS NOT NULL",
        "DROP INDEX survey_invitations_customer",
        "CREATE INDEX survey_invitations_customer ON survey_invitations (customer, invited_at) WHERE customer IS NOT NULL",
    ])
}
